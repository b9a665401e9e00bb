using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NoteGuard.Imaging.Formats.Png;

/// <summary>
/// PNG encoder: Gray8 → colour type 0, Rgb24 → 2, Rgba32 → 6, all 8-bit, not interlaced. Each row gets the filter
/// whose output has the smallest sum of absolute values taken as signed bytes (the "minimum sum of absolute
/// differences" heuristic of PNG spec 12.8 / libpng); compression level 0 stores rows unfiltered.
/// </summary>
internal static class PngEncoder
{
    public static void Encode(Image image, Stream stream, PngEncoderOptions options)
    {
        Guard.NotNull(image);
        Guard.NotNull(stream);
        Guard.NotNull(options);
        Guard.MustBeBetween(options.CompressionLevel, 0, 9, "options.CompressionLevel");

        byte colorType = image.Format switch
        {
            PixelFormat.Gray8 => (byte)PngColorType.Gray,
            PixelFormat.Rgb24 => (byte)PngColorType.Rgb,
            _ => (byte)PngColorType.Rgba,
        };

        stream.Write(PngChunkReader.Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)image.Width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr[4..], (uint)image.Height);
        ihdr[8] = 8;
        ihdr[9] = colorType;
        ihdr[10] = 0;
        ihdr[11] = 0;
        ihdr[12] = 0;
        PngChunkWriter.WriteChunk(stream, "IHDR"u8, ihdr);

        var chunks = new PngChunkWriter(stream);
        var zlibOptions = new ZLibCompressionOptions { CompressionLevel = options.CompressionLevel };
        using (var zlib = new ZLibStream(chunks, zlibOptions, leaveOpen: true))
        {
            WriteRows(image, zlib, adaptive: options.CompressionLevel > 0);
        }

        chunks.Flush();
        PngChunkWriter.WriteChunk(stream, "IEND"u8, []);
    }

    private static void WriteRows(Image image, Stream zlib, bool adaptive)
    {
        int stride = image.Stride;
        int unit = image.Channels;
        byte[] best = ArrayPool<byte>.Shared.Rent(stride + 1);
        byte[] candidate = ArrayPool<byte>.Shared.Rent(stride + 1);
        byte[] zeros = ArrayPool<byte>.Shared.Rent(stride);
        try
        {
            Array.Clear(zeros, 0, stride);
            for (int y = 0; y < image.Height; y++)
            {
                ReadOnlySpan<byte> row = image.GetRowReadOnly(y);
                ReadOnlySpan<byte> previous = y > 0 ? image.GetRowReadOnly(y - 1) : zeros.AsSpan(0, stride);
                if (!adaptive)
                {
                    best[0] = (byte)PngFilterType.None;
                    row.CopyTo(best.AsSpan(1));
                }
                else
                {
                    long bestScore = long.MaxValue;
                    for (var filter = PngFilterType.None; filter <= PngFilterType.Paeth; filter++)
                    {
                        // On the first row the row above is zero: Up equals None and Paeth equals Sub.
                        if (y == 0 && filter is PngFilterType.Up or PngFilterType.Paeth)
                        {
                            continue;
                        }

                        Span<byte> filtered = candidate.AsSpan(1, stride);
                        PngFilters.Filter(filter, row, previous, filtered, unit);
                        long score = SignedAbsoluteSum(filtered, bestScore);
                        if (score < bestScore)
                        {
                            bestScore = score;
                            candidate[0] = (byte)filter;
                            (best, candidate) = (candidate, best);
                        }
                    }
                }

                zlib.Write(best, 0, stride + 1);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(best);
            ArrayPool<byte>.Shared.Return(candidate);
            ArrayPool<byte>.Shared.Return(zeros);
        }
    }

    /// <summary>
    /// Σ|(sbyte)b|, stopping early once it reaches <paramref name="limit"/>. Sixteen bytes at a time: the absolute
    /// value of a signed byte read as unsigned is exact (|−128| wraps to 0x80 = 128); byte sums are widened into
    /// 16-bit lanes (at most 2 × 128 per step) and flushed to the 64-bit total every 128 steps, before they could overflow.
    /// </summary>
    internal static long SignedAbsoluteSum(ReadOnlySpan<byte> data, long limit)
    {
        ReadOnlySpan<sbyte> signed = MemoryMarshal.Cast<byte, sbyte>(data);
        long sum = 0;
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            while (i + 16 <= signed.Length && sum < limit)
            {
                Vector128<ushort> lanes = Vector128<ushort>.Zero;
                for (int step = 0; step < 128 && i + 16 <= signed.Length; step++, i += 16)
                {
                    Vector128<byte> magnitude = Vector128.Abs(Vector128.Create(signed.Slice(i, 16))).AsByte();
                    var (lower, upper) = Vector128.Widen(magnitude);
                    lanes += lower + upper;
                }

                var (low, high) = Vector128.Widen(lanes);
                sum += Vector128.Sum(low + high);
            }
        }

        for (; i < signed.Length; i++)
        {
            sum += Math.Abs((int)signed[i]);
        }

        return sum;
    }
}
