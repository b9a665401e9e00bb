namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>
/// How a filter reads pixels outside the image, using OpenCV's names and semantics
/// (the letters show a row <c>abcdefgh</c> extended to the left and right).
/// </summary>
public enum BorderMode
{
    /// <summary><c>gfedcb|abcdefgh|gfedcba</c>: mirror without repeating the edge pixel (OpenCV's default, BORDER_REFLECT_101).</summary>
    Reflect101,

    /// <summary><c>aaaaaa|abcdefgh|hhhhhhh</c>: repeat the edge pixel (BORDER_REPLICATE).</summary>
    Replicate,

    /// <summary><c>iiiiii|abcdefgh|iiiiiii</c>: a constant value (BORDER_CONSTANT; the value is given by the options, default 0).</summary>
    Constant,

    /// <summary><c>fedcba|abcdefgh|hgfedcb</c>: mirror repeating the edge pixel (BORDER_REFLECT).</summary>
    Reflect,
}

/// <summary>Maps out-of-range coordinates to in-range ones like OpenCV's <c>borderInterpolate</c>.</summary>
internal static class BorderIndex
{
    /// <summary>
    /// The in-range index that <paramref name="p"/> reads for a line of <paramref name="length"/> samples,
    /// or −1 for <see cref="BorderMode.Constant"/> outside the line.
    /// </summary>
    public static int Map(int p, int length, BorderMode mode)
    {
        if ((uint)p < (uint)length)
        {
            return p;
        }

        switch (mode)
        {
            case BorderMode.Replicate:
                return p < 0 ? 0 : length - 1;
            case BorderMode.Constant:
                return -1;
            default:
                if (length == 1)
                {
                    return 0;
                }

                int delta = mode == BorderMode.Reflect101 ? 1 : 0;
                do
                {
                    p = p < 0 ? -p - 1 + delta : length - 1 - (p - length) - delta;
                }
                while ((uint)p >= (uint)length);
                return p;
        }
    }

    /// <summary>
    /// Index table for reading positions <c>-before .. length-1+after</c>: entry <c>i</c> is the source index of
    /// position <c>i - before</c> (−1 for a constant border).
    /// </summary>
    public static int[] Table(int length, int before, int after, BorderMode mode)
    {
        var table = new int[length + before + after];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = Map(i - before, length, mode);
        }

        return table;
    }
}
