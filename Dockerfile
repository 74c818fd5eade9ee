# Accord from source on Debian bookworm: the same Debian -dev packages scripts/setup.sh
# installs, a CMake + Ninja build, and a slim runtime image with the shared libraries.
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
      cmake ninja-build g++ make pkg-config \
      librdkafka-dev librocksdb-dev nlohmann-json3-dev libvalijson-dev \
      libboost-dev libboost-system-dev libspdlog-dev \
      libprotobuf-dev libprotoc-dev protobuf-compiler libavro-dev \
      libssl-dev libsodium-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCORD_BUILD_TESTS=OFF \
    && cmake --build /build --target accord \
    && install -m 0755 /build/src/cli/accord /usr/local/bin/accord

FROM debian:bookworm-slim
# The runtime halves of the build dependencies (the -dev packages pull them in above).
RUN apt-get update && apt-get install -y --no-install-recommends \
      librdkafka1 librocksdb7.8 libboost-system1.74.0 libspdlog1.10 libfmt9 \
      libprotobuf32 libprotoc32 libavro23 libssl3 libsodium23 zlib1g ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/accord /usr/local/bin/accord
RUN useradd --system --home /var/lib/accord --create-home accord
USER accord
WORKDIR /var/lib/accord
EXPOSE 8081
ENTRYPOINT ["accord"]
CMD ["serve", "--listeners", "http://0.0.0.0:8081", "--data-dir", "/var/lib/accord/data"]
