# Janus (VideoRoom plugin, WebSocket API) from Debian's package, configured for OrchestraSec:
# the API on 127.0.0.1 only, its api_secret given at start (-a, from JANUS_SECRET), the admin
# API off, no other plugin or transport loaded. See ../README.md, "Video for large meetings".
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends janus \
  && rm -rf /var/lib/apt/lists/*
COPY janus /etc/janus-orchestrasec
ENTRYPOINT ["janus", "-F", "/etc/janus-orchestrasec", "-C", "/etc/janus-orchestrasec/janus.jcfg"]
