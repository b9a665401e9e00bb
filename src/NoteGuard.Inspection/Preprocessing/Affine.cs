namespace NoteGuard.Inspection.Preprocessing;

/// <summary>
/// A 2-D affine map x' = A·x + B·y + C, y' = D·x + E·y + F. The sampler uses it to map output pixel centres to
/// continuous source coordinates (pixel i covers [i, i+1)).
/// </summary>
internal readonly record struct Affine(double A, double B, double C, double D, double E, double F)
{
    public static Affine Identity => new(1, 0, 0, 0, 1, 0);

    public static Affine Scale(double sx, double sy) => new(sx, 0, 0, 0, sy, 0);

    public static Affine Translate(double tx, double ty) => new(1, 0, tx, 0, 1, ty);

    /// <summary>This map applied after <paramref name="first"/>: (this ∘ first)(p) = this(first(p)).</summary>
    public Affine After(Affine first) => new(
        (A * first.A) + (B * first.D),
        (A * first.B) + (B * first.E),
        (A * first.C) + (B * first.F) + C,
        (D * first.A) + (E * first.D),
        (D * first.B) + (E * first.E),
        (D * first.C) + (E * first.F) + F);

    public (double X, double Y) Apply(double x, double y) => ((A * x) + (B * y) + C, (D * x) + (E * y) + F);
}
