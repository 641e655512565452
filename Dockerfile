# syntax=docker/dockerfile:1
# DiploSim node: one silo and one web server. Built from the solution; the server's build runs the web client's npm build.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/DiploSim.Server/DiploSim.Server.csproj --configuration Release --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl answers the container health check against /health/ready.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The image's unprivileged user (uid 1654); nothing in the container runs as root.
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    DiploSim__Cluster__SiloPort=11111 \
    DiploSim__Cluster__GatewayPort=30000
EXPOSE 8080 11111 30000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "DiploSim.Server.dll"]
