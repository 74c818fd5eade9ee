# Accord from source on Debian bookworm. Both stages take their packages from the one list
# that scripts/setup.sh also reads (scripts/debian-packages.txt): the build stage the `build`
# role, the slim runtime image only the `runtime` role (the shared libraries `accord` links;
# ctest's it_docker_packages checks that list against ldd of the built binary).
FROM debian:bookworm AS build
COPY scripts/packages.sh scripts/debian-packages.txt /tmp/pkg/
RUN apt-get update \
    && apt-get install -y --no-install-recommends $(/tmp/pkg/packages.sh build) \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCORD_BUILD_TESTS=OFF \
    && cmake --build /build --target accord \
    && install -m 0755 /build/src/cli/accord /usr/local/bin/accord

FROM debian:bookworm-slim
COPY scripts/packages.sh scripts/debian-packages.txt /tmp/pkg/
RUN apt-get update \
    && apt-get install -y --no-install-recommends $(/tmp/pkg/packages.sh runtime) \
    && rm -rf /var/lib/apt/lists/* /tmp/pkg
COPY --from=build /usr/local/bin/accord /usr/local/bin/accord
# The data directory exists in the image, owned by accord: a named volume mounted there
# starts with that ownership (a mount point Docker creates itself would belong to root).
RUN useradd --system --home /var/lib/accord --create-home accord \
    && install -d -o accord -g accord /var/lib/accord/data
USER accord
WORKDIR /var/lib/accord
EXPOSE 8081
ENTRYPOINT ["accord"]
CMD ["serve", "--listeners", "http://0.0.0.0:8081", "--data-dir", "/var/lib/accord/data"]
