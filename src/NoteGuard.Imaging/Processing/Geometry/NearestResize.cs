using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>Nearest-neighbour resize: <c>x_s = min(floor(x_d · scale), w − 1)</c>, as OpenCV's <c>resizeNN</c>.</summary>
internal static class NearestResize
{
    public static void Apply(Image source, Image destination, double scaleX, double scaleY)
    {
        int c = source.Channels;
        var columns = new int[destination.Width];
        for (int x = 0; x < columns.Length; x++)
        {
            columns[x] = Math.Min((int)Math.Floor(x * scaleX), source.Width - 1) * c;
        }

        ParallelRows.For(destination.Height, destination.Width, new Rows(source, destination, columns, scaleY));
    }

    private readonly struct Rows(Image source, Image destination, int[] columns, double scaleY) : IRowOperation
    {
        public void Invoke(int y)
        {
            int sy = Math.Min((int)Math.Floor(y * scaleY), source.Height - 1);
            var src = source.GetRowReadOnly(sy);
            var dst = destination.GetRow(y);
            switch (source.Channels)
            {
                case 1:
                    for (int x = 0; x < columns.Length; x++)
                    {
                        dst[x] = src[columns[x]];
                    }

                    break;
                case 3:
                    for (int x = 0, d = 0; x < columns.Length; x++, d += 3)
                    {
                        int s = columns[x];
                        dst[d] = src[s];
                        dst[d + 1] = src[s + 1];
                        dst[d + 2] = src[s + 2];
                    }

                    break;
                default:
                    for (int x = 0, d = 0; x < columns.Length; x++, d += 4)
                    {
                        src.Slice(columns[x], 4).CopyTo(dst.Slice(d, 4));
                    }

                    break;
            }
        }
    }
}
