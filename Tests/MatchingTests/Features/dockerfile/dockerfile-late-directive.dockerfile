# Not a directive any more: a comment came first.
# escape=`

FROM debian:12
# ruleid: make-then-install
RUN make \
    && make install
