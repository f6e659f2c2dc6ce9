FROM debian:12
# ok: build-without-install
RUN ./configure \


    && make \
    && make install
# ok: build-without-install
RUN ./configure \
  # the build itself
    && make \
	# then the copy
    && make install
# ruleid: build-without-install
RUN ./configure \
    && make
# ruleid: build-without-install
RUN ./configure \

    && make \
    && make check
