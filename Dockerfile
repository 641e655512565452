# syntax=docker/dockerfile:1
# DiploSim node: one silo and one web server, built from the solution.
# The web client is built in a Node stage (Vite 7 needs Node 20.19 or later, newer than Debian's nodejs),
# then the server is published with the built client and without running npm again.
FROM node:22-bookworm-slim AS web
WORKDIR /src/src/DiploSim.Web
COPY src/DiploSim.Web/package.json src/DiploSim.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/DiploSim.Web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
COPY --from=web /src/src/DiploSim.Server/wwwroot src/DiploSim.Server/wwwroot
RUN dotnet publish src/DiploSim.Server/DiploSim.Server.csproj --configuration Release --output /app -p:BuildWebClient=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl answers the container health check against /health/ready.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The image's unprivileged user (uid 1654); nothing in the container runs as root.
USER app
# The young generation's least budget, 16 MB a heap: this runtime reads it only from the environment (see
# docs/deployment.md, sizing); its most, the same, is in the server's runtimeconfig.json.
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_GCgen0size=0x1000000 \
    DiploSim__Cluster__SiloPort=11111 \
    DiploSim__Cluster__GatewayPort=30000
EXPOSE 8080 11111 30000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "DiploSim.Server.dll"]
