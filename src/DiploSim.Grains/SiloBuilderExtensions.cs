using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace DiploSim.Grains;

/// <summary>Wiring for a silo that hosts DiploSim's grains.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Registers what the grains need: the built-in scenario catalog and the system clock, unless the host
    /// registered its own <see cref="IScenarioCatalog"/> or <see cref="TurnClock"/>. Grain storage named
    /// <see cref="ProviderNames.Storage"/> and, for notifications, a stream provider named
    /// <c>SessionStreams.Provider</c> are the host's choice. Each silo also runs a <see cref="DeadlineWatch"/>,
    /// so running sessions keep their turn clocks after a restart with nobody calling them.
    /// </summary>
    public static ISiloBuilder AddDiploSimGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton<IScenarioCatalog, LibraryScenarioCatalog>();
        silo.Services.TryAddSingleton<PinnedScenarios>();
        silo.Services.TryAddSingleton(new TurnClock(TimeProvider.System));

        // Running sessions' deadlines resume by themselves after a restart or the loss of a silo.
        silo.Services.AddSingleton<DeadlineWatch>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadlineWatch>());
        return silo;
    }

    /// <summary>
    /// Adds grain storage in this silo's memory (lost when the silo stops; see <see cref="MemoryGrainStore"/>) that
    /// keeps state in Orleans' binary form, as <see cref="SqliteGrainStorage"/> does: tests then store exactly what the
    /// durable store would, and a write costs what the durable store's serialization costs. For one silo only.
    /// </summary>
    public static ISiloBuilder AddBinaryMemoryGrainStorage(this ISiloBuilder silo, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddGrainStorage(name, (sp, _) => new MemoryGrainStore(sp.GetRequiredService<Serializer>()));
        return silo;
    }

    /// <summary>Adds grain storage over a SQLite file, the embedded default (durable across restarts).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddGrainStorage(name, (sp, _) => new SqliteGrainStorage(
            new SqliteGrainStorageOptions { DatabasePath = databasePath },
            sp.GetRequiredService<Serializer>(),
            sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        return silo;
    }
}
