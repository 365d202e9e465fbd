# The rtdcs node image: the fat jar on a JRE. Build the jar first: mvn -B -DskipTests package
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 rtdcs
COPY node/target/rtdcs.jar /opt/rtdcs/rtdcs.jar
USER rtdcs
# HTTP, Hazelcast member port
EXPOSE 8080 5701
# in a container Hazelcast binds the container's own address; list the peers in RTDCS_CLUSTER_MEMBERS
ENV RTDCS_CLUSTER_HOST=0.0.0.0
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/rtdcs/rtdcs.jar"]
