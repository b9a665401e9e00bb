namespace NoteGuard.Imaging.Processing.Morphology;

/// <summary>Morphological operations, as OpenCV's <c>MORPH_*</c> for <c>morphologyEx</c>.</summary>
public enum MorphologyOperation
{
    /// <summary>Minimum over the element.</summary>
    Erode,

    /// <summary>Maximum over the element.</summary>
    Dilate,

    /// <summary>Erode then dilate (each <see cref="MorphologyOptions.Iterations"/> times): removes small bright specks (seed 002 "aperture").</summary>
    Open,

    /// <summary>Dilate then erode: fills small dark gaps.</summary>
    Close,

    /// <summary>Dilation minus erosion.</summary>
    Gradient,

    /// <summary>Source minus its opening.</summary>
    TopHat,

    /// <summary>Closing minus the source.</summary>
    BlackHat,
}

/// <summary>Settings for <see cref="MorphologyExtensions.Morphology(Image, MorphologyOperation, MorphologyOptions)"/>.</summary>
/// <param name="Element">The structuring element.</param>
/// <param name="Iterations">How many times erosion/dilation is applied inside the operation, 1..100; default 1.</param>
public sealed record MorphologyOptions(StructuringElement Element, int Iterations = 1)
{
    internal void Validate()
    {
        Guard.NotNull(Element);
        Guard.MustBeBetween(Iterations, 1, 100);
    }
}
