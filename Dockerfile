# A small runtime image of migrate: a JRE, the distribution (bin/migrate on PATH), a non-root user.
#
#   docker build -t migrate .
#   docker run --rm -v "$PWD/migrations:/migrations:ro" \
#     -e DATABASE_URL=postgresql://app:secret@db:5432/shop migrate upgrade head
#
# Migrations are read from /migrations (MIGRATE_DIR), or from wherever --dir points. The database comes from
# DATABASE_URL (or MIGRATE_URL, or --url); a migrate.toml mounted in /work (the working folder) is read too.
# The image has a JRE and no compiler: Java migrations must be precompiled (--classpath jars), SQL files just work.

# --- Build the distribution from this checkout -----------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package \
 && mkdir /dist \
 && tar -xzf target/migrate-*.tar.gz -C /dist \
 && mv /dist/migrate-* /dist/migrate

# --- The runtime image -------------------------------------------------------------------------------------------------
# Alpine: the smallest Temurin JRE; busybox brings the unzip and sh the launcher uses, and the launcher picks
# SQLite's musl library there.
FROM eclipse-temurin:17-jre-alpine
# A numeric non-root user, so Kubernetes' runAsNonRoot can verify it without a passwd lookup.
RUN addgroup -S -g 10001 migrate \
 && adduser -S -D -u 10001 -G migrate -h /home/migrate migrate \
 && mkdir -p /migrations /work \
 && chown migrate:migrate /work
COPY --from=build /dist/migrate /opt/migrate
# XDG_CACHE_HOME is fixed so that a container run under another uid (OpenShift, --user) still finds the
# start-up aids prepared below; where it cannot write them it skips them silently.
ENV PATH=/opt/migrate/bin:$PATH \
    MIGRATE_DIR=/migrations \
    XDG_CACHE_HOME=/home/migrate/.cache
USER 10001:10001
WORKDIR /work
# The launcher prepares its start-up aids on first use; doing it here puts them in the image, so every container
# starts fast from its first command.
RUN migrate --version
ENTRYPOINT ["migrate"]
CMD ["--help"]
