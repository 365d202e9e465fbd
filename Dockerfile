# The rtdcs node image, built from the sources: `docker build -t rtdcs:local .` on a clean clone
# (docs/deploy.md, "Containers"). Both base images are pinned by tag and digest; to move to a newer
# one, pull the tag and replace the digest with the one `docker pull` prints.

# --- build: Maven 3.9 and JDK 17 build the fat jar (the node and the modules it needs) ---
FROM maven:3.9.9-eclipse-temurin-17@sha256:f58d59b6273e785ac0a4477f6e9b5ba1d7731c75b906c0f7b34076f1851318cc AS build
WORKDIR /src
# the poms alone first: this layer downloads every plugin and dependency, and is reused for as long
# as no pom changes (a sources-only change rebuilds from the COPY below)
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY common/pom.xml common/
COPY contract/pom.xml contract/
COPY dcs-verticle/pom.xml dcs-verticle/
COPY partner-verticle/pom.xml partner-verticle/
COPY segment-rules/pom.xml segment-rules/
COPY store/pom.xml store/
COPY segment-verticle/pom.xml segment-verticle/
COPY outbound/pom.xml outbound/
COPY node/pom.xml node/
COPY bench/pom.xml bench/
RUN mvn -B -q -DskipTests -pl node -am package
COPY . .
RUN mvn -B -DskipTests -pl node -am package

# --- run: the fat jar on a JRE, as a user without privileges ---
FROM eclipse-temurin:17-jre@sha256:1824944ef1bd572d1ff0952afeb2fec7931d77c972c4fbc4dfcdf89f758fb490
RUN groupadd --system --gid 10001 rtdcs \
 && useradd --system --uid 10001 --gid 10001 --home-dir /opt/rtdcs --shell /usr/sbin/nologin rtdcs \
 && mkdir -p /opt/rtdcs/data \
 && chown -R 10001:10001 /opt/rtdcs/data
WORKDIR /opt/rtdcs
COPY --from=build /src/node/target/rtdcs.jar /opt/rtdcs/rtdcs.jar
USER 10001:10001
# configuration through the RTDCS_* variables (docs/configuration.md) or `-conf FILE` as arguments.
# In a container Hazelcast binds the container's own address and the event bus a fixed port that a
# firewall can name; list the peers in RTDCS_CLUSTER_MEMBERS (or RTDCS_K8S_SERVICE_DNS) and, when the
# other members reach this one by a name, give it in RTDCS_CLUSTER_EVENT_BUS_PUBLIC_HOST.
ENV RTDCS_CLUSTER_HOST=0.0.0.0 \
    RTDCS_CLUSTER_EVENT_BUS_PORT=5801
# HTTP, Hazelcast member port, clustered event bus
EXPOSE 8080 5701 5801
# liveness: the JRE image has bash but no curl; bash's /dev/tcp asks /health/live on the HTTP port
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${RTDCS_HTTP_PORT:-8080} && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# the JVM takes 75% of the container's memory and exits on an OutOfMemoryError, so the orchestrator
# restarts a clean node instead of keeping a broken one
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/rtdcs/rtdcs.jar"]
