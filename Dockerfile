# hotpatch-operator image: docker build -t REGISTRY/hotpatch-operator:TAG .

# --- build: the production jar and its runtime dependencies (target/image/: no simulator, no
# mock API server, no demo or bench, no native libraries for systems other than Linux)
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so they stay cached while only the sources change.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline || true
COPY src ./src
COPY crds ./crds
# The demo's manifests, bundled into the jar (demo/examples/).
COPY examples ./examples
# The commit `hotpatch-operator --version` prints. The build context has no .git, so pass it:
#   docker build --build-arg GIT_COMMIT=$(git rev-parse --short=12 HEAD) ...
ARG GIT_COMMIT=unknown
RUN mvn -B -DskipTests package -Dhp.gitCommit="${GIT_COMMIT}"

# --- runtime: a JRE, the production jar, its lib/ folder, a non-root user
FROM eclipse-temurin:17-jre
ARG GIT_COMMIT=unknown
LABEL org.opencontainers.image.title="hotpatch-operator" \
      org.opencontainers.image.description="Kubernetes operator that keeps Azure Windows Server VMs on Hotpatch" \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.revision="${GIT_COMMIT}"
WORKDIR /app
COPY --from=build /src/target/image/lib/ /app/lib/
COPY --from=build /src/target/image/hotpatch-operator-production.jar /app/hotpatch-operator.jar
# Numeric user so runAsNonRoot can check it; the chart mounts a writable /tmp.
USER 10001:10001
EXPOSE 8080
# The production jar names no Class-Path: lib/ is the classpath.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-cp", "/app/hotpatch-operator.jar:/app/lib/*", "dev.hotpatch.operator.cli.Main", "run"]
