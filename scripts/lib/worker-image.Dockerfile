# baton-worker:VERSION, built by scripts/worker-image from a context it stages offline from the
# host (no registry): FROM the environment's own base image, which each engine already has.
#   tools/    python3 + docker-compose v1, git, the docker CLI (compose builds with it), bash (the
#             launcher's shell), each with the shared libraries ldd names, at the host's paths
#   java/     a Java 17 runtime made by jlink from the host's JDK
#   baton/    the release archive's bin/, lib/, etc/, docs/
# The layers go from what changes least to what changes with every build of baton.
FROM baton-base:1
COPY tools/ /
COPY java/ /opt/java/
COPY baton/ /opt/baton/
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/opt/baton/bin:/usr/local/bin:/usr/bin:/bin \
    HOME=/root \
    LANG=C.UTF-8 \
    BATON_CONFIG=/etc/baton/baton.yml \
    BATON_STATE_DIR=/var/lib/baton
# The role is the argument, as the systemd unit's instance is: a site id, or "control".
ENTRYPOINT ["/opt/baton/bin/baton-worker"]
