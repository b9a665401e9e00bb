namespace NoteGuard.Imaging.Processing.Histogram;

/// <summary>
/// Contrast-limited adaptive histogram equalisation settings, with OpenCV's <c>createCLAHE</c> meaning.
/// </summary>
/// <param name="ClipLimit">
/// Clip limit relative to a flat histogram: each tile's bins are clipped at
/// <c>max(1, ⌊ClipLimit · tileArea / 256⌋)</c> and the excess redistributed. 0 disables clipping (plain AHE).
/// Must be 0..1000; default 2 (seed 004).
/// </param>
/// <param name="TilesX">Tiles across, 1..256; default 8.</param>
/// <param name="TilesY">Tiles down, 1..256; default 8.</param>
public sealed record ClaheOptions(double ClipLimit = 2.0, int TilesX = 8, int TilesY = 8)
{
    internal void Validate()
    {
        Guard.MustBeBetween(ClipLimit, 0.0, 1000.0);
        Guard.MustBeBetween(TilesX, 1, 256);
        Guard.MustBeBetween(TilesY, 1, 256);
    }
}
