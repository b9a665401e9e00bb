namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>One colour component of a frame (T.81 B.2.2) with its decoding buffers.</summary>
internal sealed class JpegComponent
{
    /// <summary>Component identifier Ci from the frame header.</summary>
    public int Id { get; init; }

    /// <summary>Position in the frame header.</summary>
    public int Index { get; init; }

    /// <summary>Horizontal sampling factor (1..4).</summary>
    public int H { get; init; }

    /// <summary>Vertical sampling factor (1..4).</summary>
    public int V { get; init; }

    /// <summary>Quantisation table selector (0..3).</summary>
    public int QuantId { get; init; }

    /// <summary>Samples per line: ceil(X × H / Hmax).</summary>
    public int Width { get; set; }

    /// <summary>Lines: ceil(Y × V / Vmax).</summary>
    public int Height { get; set; }

    /// <summary>Blocks per line in the buffers, padded to whole MCUs.</summary>
    public int BlocksPerLine { get; set; }

    /// <summary>Block rows in the buffers, padded to whole MCUs.</summary>
    public int BlockRows { get; set; }

    /// <summary>Blocks per line a non-interleaved scan codes: ceil(Width / 8).</summary>
    public int ScanBlocksPerLine => (Width + 7) >> 3;

    /// <summary>Block rows a non-interleaved scan codes: ceil(Height / 8).</summary>
    public int ScanBlockRows => (Height + 7) >> 3;

    /// <summary>
    /// Samples per side each block is inverse-transformed to: 8 at full size, 4, 2 or 1 when decoding at a reduced
    /// scale (libjpeg's DCT_scaled_size, which can be larger than the luma's for subsampled chroma).
    /// </summary>
    public int BlockSize { get; set; } = 8;

    /// <summary>Samples per line of the decoded plane: Width at full size, ceil(X × H × BlockSize / (Hmax × 8)) when scaled.</summary>
    public int OutputWidth { get; set; }

    /// <summary>Lines of the decoded plane: Height at full size, ceil(Y × V × BlockSize / (Vmax × 8)) when scaled.</summary>
    public int OutputHeight { get; set; }

    /// <summary>Bytes per plane row (BlocksPerLine × BlockSize).</summary>
    public int PlaneStride => BlocksPerLine * BlockSize;

    /// <summary>
    /// Rows the plane holds: the whole component for progressive/multi-scan files, otherwise a ring of three MCU
    /// rows (sample row r lives at r mod PlaneRows) so a streaming decode stays in cache.
    /// </summary>
    public int PlaneRows { get; set; }

    /// <summary>Byte offset of sample row <paramref name="row"/> in <see cref="Plane"/>.</summary>
    public int RowOffset(int row) => (row % PlaneRows) * PlaneStride;

    /// <summary>Decoded samples, <see cref="PlaneRows"/> rows of <see cref="PlaneStride"/> bytes (pooled).</summary>
    public byte[]? Plane { get; set; }

    /// <summary>Coefficients, 64 per block in natural order, for progressive and multi-scan files (pooled).</summary>
    public short[]? Coefficients { get; set; }

    /// <summary>Huffman DC table of the current scan.</summary>
    public int DcTable { get; set; }

    /// <summary>Huffman AC table of the current scan.</summary>
    public int AcTable { get; set; }

    /// <summary>DC predictor of the current scan.</summary>
    public int DcPredictor { get; set; }

    /// <summary>Whether any scan has covered this component (first DC scan for progressive files).</summary>
    public bool Scanned { get; set; }

    /// <summary>How output rows are produced from the plane.</summary>
    public JpegUpsampling Upsampling { get; set; }

    /// <summary>Output samples per plane sample horizontally: Hmax / H at full size.</summary>
    public int HorizontalRatio { get; set; }

    /// <summary>Output lines per plane line: Vmax / V at full size.</summary>
    public int VerticalRatio { get; set; }
}

/// <summary>Upsampling method per component, chosen as libjpeg-turbo's jdsample.c does with fancy upsampling on.</summary>
internal enum JpegUpsampling
{
    /// <summary>Full resolution: plane rows are used directly.</summary>
    None,

    /// <summary>2:1 horizontal triangle filter (h2v1_fancy_upsample).</summary>
    H2V1Fancy,

    /// <summary>2:1 vertical triangle filter (h1v2_fancy_upsample).</summary>
    H1V2Fancy,

    /// <summary>2:1 both ways triangle filter (h2v2_fancy_upsample).</summary>
    H2V2Fancy,

    /// <summary>Pixel replication by integral factors (int_upsample / h2v1_upsample / h2v2_upsample).</summary>
    Replicate,
}
