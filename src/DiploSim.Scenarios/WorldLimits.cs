namespace DiploSim.Scenarios;

/// <summary>
/// Upper limits of the world figures a scenario states (docs/scenarios.md, "Valid ranges"): far above any real
/// economy, low enough that no sum, product or ratio of the model overflows a double.
/// </summary>
public static class WorldLimits
{
    /// <summary>GDP, USD bn (the world's is about 110,000).</summary>
    public const double Gdp = 1_000_000;

    /// <summary>A trade flow in one sector, a trade target or goal, USD bn per year (world trade is about 33,000).</summary>
    public const double Flow = 100_000;

    /// <summary>Oil production, consumption or a crude volume, mb/d (world supply is about 106).</summary>
    public const double Oil = 200;

    /// <summary>An arms need, order, delivery, investment or aid, USD bn.</summary>
    public const double Arms = 10_000;

    /// <summary>Characters in any text of a scenario (a name, a headline, a body, a source): the library's longest has 423.</summary>
    public const int Text = 4_000;

    /// <summary>Characters in the scenario's id or a shock's, which lists, links and logs show whole.</summary>
    public const int Id = 64;
}
