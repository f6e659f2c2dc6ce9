FROM debian:12 AS build
CMD ["first"]
WORKDIR /src
COPY a.txt .
COPY b.txt .
COPY c.txt .
RUN make one
RUN make two
RUN make three
ENV A=1
ENV B=2
LABEL x=y
EXPOSE 8080
FROM debian:12-slim
COPY --from=build /src/out /out
# ruleid: later-cmd
CMD ["second"]
USER nobody
# ruleid: later-cmd
CMD ["third"]
