namespace NoteGuard.Learning.Kernels;

/// <summary>Work split into <c>parts</c> independent shares; share <c>part</c> must touch only its own outputs.</summary>
internal interface IParallelWork
{
    void Run(int part, int parts);
}

/// <summary>
/// Runs <see cref="IParallelWork"/> structs over the cores. Kernels pass their state as a struct (no per-element
/// delegates); each share gets a stable index so it can use its own pooled workspace.
/// </summary>
internal static class ParallelWork
{
    /// <summary>Number of shares kernels split work into: the core count.</summary>
    public static int WorkerCount { get; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Runs <paramref name="parts"/> shares of <paramref name="work"/>, the first on the calling thread.</summary>
    public static void Run<T>(ref T work, int parts)
        where T : struct, IParallelWork
    {
        if (parts <= 1)
        {
            work.Run(0, 1);
            return;
        }

        T copy = work;
        Parallel.For(0, parts, i => copy.Run(i, parts));
    }

    /// <summary>
    /// Shares for a memory-bound pass over <paramref name="elements"/> values split into <paramref name="units"/>
    /// independent units: one share below 2¹⁶ values, where handing work to another core costs more than it saves
    /// (batch-1 inference), otherwise up to <see cref="WorkerCount"/>.
    /// </summary>
    public static int SharesFor(int elements, int units) => elements < 1 << 16 ? 1 : Math.Max(1, Math.Min(WorkerCount, units));

    /// <summary>The half-open range of <paramref name="count"/> items that share <paramref name="part"/> of <paramref name="parts"/> owns.</summary>
    public static (int Start, int End) Range(int count, int part, int parts) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));
}
