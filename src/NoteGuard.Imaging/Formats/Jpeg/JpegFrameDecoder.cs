using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>
/// Decodes one JPEG stream: marker parsing (T.81 B.2), Huffman scans (baseline, extended and progressive),
/// the islow IDCT, libjpeg-turbo's fancy upsampling and YCbCr→RGB conversion, then EXIF orientation.
/// One instance per decode; buffers are pooled and returned by <see cref="Dispose"/>.
/// </summary>
internal sealed partial class JpegFrameDecoder : IDisposable
{
    private const string Format = "JPEG";

    /// <summary>Zig-zag index → natural index, padded with 63 as libjpeg does so corrupt runs stay in the block.</summary>
    private static readonly byte[] s_zigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
        63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    ];

    private readonly DecoderOptions _options;
    private readonly int[]?[] _quant = new int[]?[4];
    private readonly JpegHuffmanTable?[] _dcTables = new JpegHuffmanTable?[4];
    private readonly JpegHuffmanTable?[] _acTables = new JpegHuffmanTable?[4];
    private readonly short[] _block = new short[64];
    private JpegComponent[] _components = [];
    private int[][] _componentQuant = [];
    private byte[][] _rowBuffers = [];
    private short[] _colSums = [];
    private int _restartInterval;
    private bool _frameSeen;
    private bool _progressive;
    private int _width;
    private int _height;
    private int _outputWidth;
    private int _outputHeight;
    private int _maxH;
    private int _maxV;
    private int _mcusX;
    private int _mcusY;
    private bool _jfif;
    private int _adobeTransform = -1;
    private int _exifOrientation = 1;
    private bool _exifSeen;
    private bool _buffersReady;
    private bool _coefficientMode;
    private bool _sequentialDone;
    private int _scanCount;
    private Image? _image;
    private int _nextOutputRow;

    public JpegFrameDecoder(DecoderOptions options)
    {
        _options = options;
    }

    /// <summary>The colour space of a 3-component frame, decided as libjpeg's default_decompress_parms does.</summary>
    private bool IsRgbTransform
    {
        get
        {
            if (_components.Length != 3)
            {
                return false;
            }

            if (_jfif)
            {
                return false;
            }

            if (_adobeTransform >= 0)
            {
                return _adobeTransform == 0;
            }

            return _components[0].Id == 'R' && _components[1].Id == 'G' && _components[2].Id == 'B';
        }
    }

    /// <summary>Reads the headers up to the first scan and describes the image.</summary>
    public ImageInfo Identify(ReadOnlySpan<byte> data)
    {
        Run(data, headerOnly: true);
        bool swap = _options.ApplyExifOrientation && _exifOrientation >= 5;
        var details = new Dictionary<string, string>
        {
            ["progressive"] = _progressive ? "true" : "false",
            ["components"] = _components.Length.ToString(CultureInfo.InvariantCulture),
            ["subsampling"] = DescribeSubsampling(),
            ["restart_interval"] = _restartInterval.ToString(CultureInfo.InvariantCulture),
            ["exif_orientation"] = _exifOrientation.ToString(CultureInfo.InvariantCulture),
            ["color_transform"] = _components.Length == 1 ? "none" : IsRgbTransform ? "rgb" : "ycbcr",
        };
        return new ImageInfo(
            ImageFormat.Jpeg,
            swap ? _height : _width,
            swap ? _width : _height,
            _components.Length == 1 ? PixelFormat.Gray8 : PixelFormat.Rgb24,
            8,
            _components.Length == 1 ? "gray" : IsRgbTransform ? "rgb" : "ycbcr",
            details);
    }

    /// <summary>Decodes the whole stream.</summary>
    public Image Decode(ReadOnlySpan<byte> data)
    {
        try
        {
            Run(data, headerOnly: false);
            Image image = _image ?? throw Invalid("no image data", data.Length);
            _image = null;
            if (_options.ApplyExifOrientation && _exifOrientation > 1)
            {
                Image oriented = JpegExif.Orient(image, _exifOrientation);
                if (!ReferenceEquals(oriented, image))
                {
                    image.Dispose();
                }

                return oriented;
            }

            return image;
        }
        catch
        {
            _image?.Dispose();
            _image = null;
            throw;
        }
    }

    public void Dispose()
    {
        foreach (JpegComponent component in _components)
        {
            if (component.Plane is { } plane)
            {
                ArrayPool<byte>.Shared.Return(plane);
                component.Plane = null;
            }

            if (component.Coefficients is { } coefficients)
            {
                ArrayPool<short>.Shared.Return(coefficients);
                component.Coefficients = null;
            }
        }

        _image?.Dispose();
        _image = null;
    }

    internal static InvalidImageException Invalid(string message, long offset) =>
        new($"Invalid JPEG: {message} (at byte offset {offset}).") { Offset = offset };

    internal static UnsupportedImageException Unsupported(string message, long offset) =>
        new($"Unsupported JPEG: {message} (at byte offset {offset}).") { Offset = offset };

    /// <summary>Offset of the 0xFF that introduces the next marker at or after <paramref name="position"/>, or the data length.</summary>
    private static int FindMarker(ReadOnlySpan<byte> data, int position)
    {
        int i = position;
        while (i + 1 < data.Length)
        {
            int ff = data.Slice(i, data.Length - i).IndexOf((byte)0xFF);
            if (ff < 0)
            {
                return data.Length;
            }

            i += ff + 1;
            while (i < data.Length && data[i] == 0xFF)
            {
                i++;
            }

            if (i >= data.Length)
            {
                return data.Length;
            }

            if (data[i] != 0)
            {
                return i - 1;
            }

            i++;
        }

        return data.Length;
    }

    private void Run(ReadOnlySpan<byte> data, bool headerOnly)
    {
        if (data.Length < 2 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw Invalid("missing SOI marker", 0);
        }

        int pos = 2;
        while (true)
        {
            int markerPos = FindMarker(data, pos);
            if (markerPos >= data.Length)
            {
                EndOfData(data.Length, headerOnly);
                return;
            }

            byte marker = data[markerPos + 1];
            pos = markerPos + 2;
            if (marker == 0xD9)
            {
                EndOfData(markerPos, headerOnly);
                return;
            }

            if (marker == 0xD8)
            {
                throw Invalid("a second SOI marker", markerPos);
            }

            if (marker is (>= 0xD0 and <= 0xD7) or 0x01)
            {
                // Stray RSTn or TEM outside a scan: libjpeg ignores them.
                continue;
            }

            if (pos + 2 > data.Length)
            {
                throw Invalid($"file ends inside the header of marker 0x{marker:X2}", markerPos);
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(pos, 2));
            if (length < 2 || pos + length > data.Length)
            {
                throw Invalid($"segment 0x{marker:X2} declares length {length} but only {data.Length - pos} bytes remain", pos);
            }

            ReadOnlySpan<byte> segment = data.Slice(pos + 2, length - 2);
            int segmentOffset = pos + 2;
            int next = pos + length;
            switch (marker)
            {
                case 0xC0:
                case 0xC1:
                    ReadFrame(segment, segmentOffset, progressive: false);
                    break;
                case 0xC2:
                    ReadFrame(segment, segmentOffset, progressive: true);
                    break;
                case 0xC3:
                    throw Unsupported("lossless JPEG (SOF3) is not supported", markerPos);
                case 0xC5:
                case 0xC6:
                case 0xC7:
                    throw Unsupported($"hierarchical/differential JPEG (SOF{marker - 0xC0}) is not supported", markerPos);
                case 0xC9:
                case 0xCA:
                case 0xCB:
                case 0xCD:
                case 0xCE:
                case 0xCF:
                    throw Unsupported($"arithmetic coding (SOF{marker - 0xC0}) is not supported; only Huffman-coded JPEG is decoded", markerPos);
                case 0xC8:
                    throw Unsupported("the reserved JPG marker (0xFFC8) is not supported", markerPos);
                case 0xC4:
                    ReadHuffmanTables(segment, segmentOffset);
                    break;
                case 0xDB:
                    ReadQuantTables(segment, segmentOffset);
                    break;
                case 0xDD:
                    if (segment.Length != 2)
                    {
                        throw Invalid("DRI segment length is not 4", markerPos);
                    }

                    _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xDA:
                    if (!_frameSeen)
                    {
                        throw Invalid("SOS marker before any SOF frame header", markerPos);
                    }

                    if (headerOnly)
                    {
                        return;
                    }

                    next = DecodeScan(data, segment, segmentOffset, next);
                    break;
                case 0xE0:
                    if (segment.Length >= 5 && segment[..5].SequenceEqual("JFIF\0"u8))
                    {
                        _jfif = true;
                    }

                    break;
                case 0xE1:
                    if (!_exifSeen && JpegExif.TryReadOrientation(segment, out int orientation))
                    {
                        _exifSeen = true;
                        _exifOrientation = orientation;
                    }

                    break;
                case 0xEE:
                    if (segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8))
                    {
                        _adobeTransform = segment[11];
                    }

                    break;
                default:
                    // APPn, COM, DNL, DAC and other segments carry nothing the decoder needs.
                    break;
            }

            pos = next;
        }
    }

    private void EndOfData(int offset, bool headerOnly)
    {
        if (!_frameSeen)
        {
            throw Invalid("no SOF frame header before the end of the data", offset);
        }

        if (headerOnly)
        {
            return;
        }

        if (_scanCount == 0)
        {
            throw Invalid("no SOS scan before the end of the data (truncated file?)", offset);
        }

        foreach (JpegComponent component in _components)
        {
            if (!component.Scanned)
            {
                throw Invalid($"component {component.Id} is never coded in any scan (truncated file?)", offset);
            }
        }

        if (_coefficientMode)
        {
            TransformAllBlocks();
        }

        EmitRows(_outputHeight);
    }

    private void ReadFrame(ReadOnlySpan<byte> segment, int offset, bool progressive)
    {
        if (_frameSeen)
        {
            throw Invalid("a second SOF frame header", offset);
        }

        if (segment.Length < 6)
        {
            throw Invalid("SOF segment is too short", offset);
        }

        int precision = segment[0];
        if (precision != 8)
        {
            throw Unsupported($"{precision}-bit sample precision is not supported (only 8-bit)", offset);
        }

        int height = BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(1, 2));
        int width = BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(3, 2));
        int count = segment[5];
        if (count == 0 || segment.Length != 6 + (3 * count))
        {
            throw Invalid($"SOF declares {count} components but holds {segment.Length} bytes", offset);
        }

        if (height == 0)
        {
            throw Unsupported("a height defined by a DNL marker (SOF height 0) is not supported", offset + 1);
        }

        if (count == 4)
        {
            throw Unsupported("4-component (CMYK/YCCK) JPEG is not supported", offset + 5);
        }

        if (count != 1 && count != 3)
        {
            throw Unsupported($"{count}-component JPEG is not supported (only gray and 3-component colour)", offset + 5);
        }

        _options.CheckDimensions(width, height, Format);

        var components = new JpegComponent[count];
        int maxH = 1;
        int maxV = 1;
        for (int i = 0; i < count; i++)
        {
            int id = segment[6 + (3 * i)];
            int h = segment[7 + (3 * i)] >> 4;
            int v = segment[7 + (3 * i)] & 15;
            int tq = segment[8 + (3 * i)];
            if (h is < 1 or > 4 || v is < 1 or > 4)
            {
                throw Invalid($"component {id} has sampling factors {h}×{v} outside 1..4", offset + 7 + (3 * i));
            }

            if (tq > 3)
            {
                throw Invalid($"component {id} uses quantisation table {tq} (must be 0..3)", offset + 8 + (3 * i));
            }

            for (int j = 0; j < i; j++)
            {
                if (components[j].Id == id)
                {
                    throw Invalid($"component id {id} appears twice in SOF", offset + 6 + (3 * i));
                }
            }

            // A lone component is coded one block per MCU whatever its declared factors (T.81 A.2.2), so it is
            // treated as 1×1, as libjpeg effectively does.
            components[i] = count == 1
                ? new JpegComponent { Id = id, Index = i, H = 1, V = 1, QuantId = tq }
                : new JpegComponent { Id = id, Index = i, H = h, V = v, QuantId = tq };
            maxH = Math.Max(maxH, components[i].H);
            maxV = Math.Max(maxV, components[i].V);
        }

        _width = width;
        _height = height;
        _maxH = maxH;
        _maxV = maxV;
        _mcusX = (width + (8 * maxH) - 1) / (8 * maxH);
        _mcusY = (height + (8 * maxV) - 1) / (8 * maxV);
        // Reduced-size decoding (libjpeg's scale_denom): the smallest 1/8, 1/4 or 1/2 that keeps both output sides at
        // least DecoderOptions.MinimumSize; the luma's blocks are inverse-transformed to 8/denominator samples.
        int denominator = 1;
        if (_options.MinimumSize > 0)
        {
            for (int d = 8; d > 1; d /= 2)
            {
                if ((width + d - 1) / d >= _options.MinimumSize && (height + d - 1) / d >= _options.MinimumSize)
                {
                    denominator = d;
                    break;
                }
            }
        }

        int minBlockSize = 8 / denominator;
        _outputWidth = (width + denominator - 1) / denominator;
        _outputHeight = (height + denominator - 1) / denominator;
        foreach (JpegComponent c in components)
        {
            if (maxH % c.H != 0 || maxV % c.V != 0)
            {
                throw Unsupported($"fractional sampling factors ({c.H}×{c.V} against {maxH}×{maxV}) are not supported", offset + 7 + (3 * c.Index));
            }

            c.Width = (int)(((long)width * c.H + maxH - 1) / maxH);
            c.Height = (int)(((long)height * c.V + maxV - 1) / maxV);
            c.BlocksPerLine = _mcusX * c.H;
            c.BlockRows = _mcusY * c.V;

            // A subsampled component is transformed to larger blocks than the luma while that halves its upsampling
            // in both directions, as jdmaster.c's jpeg_core_output_dimensions does (4:2:0 at 1/2: chroma stays 8×8
            // and needs no upsampling).
            int size = minBlockSize;
            while (size < 8 && (maxH * minBlockSize) % (c.H * size * 2) == 0 && (maxV * minBlockSize) % (c.V * size * 2) == 0)
            {
                size *= 2;
            }

            c.BlockSize = size;
            c.OutputWidth = (int)(((long)width * c.H * size + (maxH * 8) - 1) / (maxH * 8));
            c.OutputHeight = (int)(((long)height * c.V * size + (maxV * 8) - 1) / (maxV * 8));
            c.HorizontalRatio = maxH * minBlockSize / (c.H * size);
            c.VerticalRatio = maxV * minBlockSize / (c.V * size);

            // jdsample.c: fancy (triangle) upsampling only when blocks are larger than 1×1.
            bool fancy = minBlockSize > 1;
            c.Upsampling = (c.HorizontalRatio, c.VerticalRatio) switch
            {
                (1, 1) => JpegUpsampling.None,
                (2, 1) when fancy && c.OutputWidth > 2 => JpegUpsampling.H2V1Fancy,
                (1, 2) when fancy => JpegUpsampling.H1V2Fancy,
                (2, 2) when fancy && c.OutputWidth > 2 => JpegUpsampling.H2V2Fancy,
                _ => JpegUpsampling.Replicate,
            };
        }

        _components = components;
        _progressive = progressive;
        _frameSeen = true;
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> segment, int offset)
    {
        int p = 0;
        while (p < segment.Length)
        {
            if (p + 17 > segment.Length)
            {
                throw Invalid("DHT segment is too short for its code-length counts", offset + p);
            }

            int tc = segment[p] >> 4;
            int th = segment[p] & 15;
            if (tc > 1 || th > 3)
            {
                throw Invalid($"DHT table class {tc} / id {th} out of range", offset + p);
            }

            ReadOnlySpan<byte> counts = segment.Slice(p + 1, 16);
            int total = 0;
            foreach (byte n in counts)
            {
                total += n;
            }

            if (total > 256 || p + 17 + total > segment.Length)
            {
                throw Invalid($"DHT table declares {total} symbols, more than the segment holds or 256", offset + p);
            }

            var table = new JpegHuffmanTable();
            table.Build(counts, segment.Slice(p + 17, total), tc == 0, offset + p);
            if (tc == 0)
            {
                _dcTables[th] = table;
            }
            else
            {
                _acTables[th] = table;
            }

            p += 17 + total;
        }
    }

    private void ReadQuantTables(ReadOnlySpan<byte> segment, int offset)
    {
        int p = 0;
        while (p < segment.Length)
        {
            int pq = segment[p] >> 4;
            int tq = segment[p] & 15;
            if (pq > 1 || tq > 3)
            {
                throw Invalid($"DQT precision {pq} / id {tq} out of range", offset + p);
            }

            int size = pq == 0 ? 64 : 128;
            if (p + 1 + size > segment.Length)
            {
                throw Invalid("DQT segment is too short for its table", offset + p);
            }

            var table = new int[64];
            for (int i = 0; i < 64; i++)
            {
                int value = pq == 0 ? segment[p + 1 + i] : BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(p + 1 + (2 * i), 2));
                table[s_zigZag[i]] = value;
            }

            _quant[tq] = table;
            p += 1 + size;
        }
    }

    private string DescribeSubsampling()
    {
        if (_components.Length == 1)
        {
            return "4:0:0";
        }

        JpegComponent y = _components[0];
        bool chromaFull = _components[1].H == 1 && _components[1].V == 1 && _components[2].H == 1 && _components[2].V == 1;
        if (chromaFull)
        {
            switch ((y.H, y.V))
            {
                case (1, 1):
                    return "4:4:4";
                case (2, 1):
                    return "4:2:2";
                case (2, 2):
                    return "4:2:0";
                case (1, 2):
                    return "4:4:0";
                case (4, 1):
                    return "4:1:1";
                case (4, 2):
                    return "4:1:0";
            }
        }

        return string.Join(",", _components.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.H}x{c.V}")));
    }
}
