using System.Buffers;
using System.Runtime.CompilerServices;

namespace NoteGuard.Imaging.Formats.Jpeg;

/// <content>Scan header parsing and the entropy decoders (T.81 F.2 sequential, G.2 progressive).</content>
internal sealed partial class JpegFrameDecoder
{
    /// <summary>Most blocks an interleaved MCU may hold (T.81 B.2.3; libjpeg's D_MAX_BLOCKS_IN_MCU).</summary>
    private const int MaxBlocksInMcu = 10;

    /// <summary>
    /// Most scans accepted in one file. Real progressive files use about ten; a crafted file of thousands of
    /// tiny scans would otherwise cost a full pass over the coefficients each (libjpeg-turbo has the same kind of limit).
    /// </summary>
    private const int MaxScans = 1000;

    /// <summary>Parses an SOS header, decodes its entropy-coded data and returns the offset to resume marker parsing.</summary>
    private int DecodeScan(ReadOnlySpan<byte> data, ReadOnlySpan<byte> segment, int offset, int entropyStart)
    {
        if (segment.Length < 1)
        {
            throw Invalid("SOS segment is empty", offset);
        }

        int ns = segment[0];
        if (ns is < 1 or > 4 || segment.Length != 4 + (2 * ns))
        {
            throw Invalid($"SOS declares {ns} components but holds {segment.Length} bytes", offset);
        }

        var scan = new JpegComponent[ns];
        int blocksInMcu = 0;
        for (int i = 0; i < ns; i++)
        {
            int id = segment[1 + (2 * i)];
            int tables = segment[2 + (2 * i)];
            JpegComponent? component = null;
            foreach (JpegComponent c in _components)
            {
                if (c.Id == id)
                {
                    component = c;
                }
            }

            if (component is null)
            {
                throw Invalid($"scan refers to component id {id}, which the frame does not declare", offset + 1 + (2 * i));
            }

            for (int j = 0; j < i; j++)
            {
                if (ReferenceEquals(scan[j], component))
                {
                    throw Invalid($"scan lists component id {id} twice", offset + 1 + (2 * i));
                }
            }

            if (tables >> 4 > 3 || (tables & 15) > 3)
            {
                throw Invalid($"scan selects Huffman tables {tables >> 4}/{tables & 15} (must be 0..3)", offset + 2 + (2 * i));
            }

            component.DcTable = tables >> 4;
            component.AcTable = tables & 15;
            scan[i] = component;
            blocksInMcu += component.H * component.V;
        }

        int ss = segment[1 + (2 * ns)];
        int se = segment[2 + (2 * ns)];
        int ah = segment[3 + (2 * ns)] >> 4;
        int al = segment[3 + (2 * ns)] & 15;
        if (ns > 1 && blocksInMcu > MaxBlocksInMcu)
        {
            throw Invalid($"interleaved scan has {blocksInMcu} blocks per MCU (at most {MaxBlocksInMcu})", offset);
        }

        if (_progressive)
        {
            bool bad = ss == 0 ? se != 0 : se < ss || se > 63 || ns != 1;
            bad |= (ah != 0 && al != ah - 1) || al > 13;
            if (bad)
            {
                throw Invalid($"invalid progressive parameters Ss={ss} Se={se} Ah={ah} Al={al}", offset + (2 * ns) + 1);
            }
        }

        bool needDc = !_progressive || (ss == 0 && ah == 0);
        bool needAc = !_progressive || ss > 0;
        foreach (JpegComponent c in scan)
        {
            if (needDc && _dcTables[c.DcTable] is null)
            {
                throw Invalid($"scan uses DC Huffman table {c.DcTable}, which is not defined", offset);
            }

            if (needAc && _acTables[c.AcTable] is null)
            {
                throw Invalid($"scan uses AC Huffman table {c.AcTable}, which is not defined", offset);
            }
        }

        if (!_buffersReady)
        {
            AllocateBuffers(offset, ns);
        }

        foreach (JpegComponent c in scan)
        {
            if (!c.Scanned)
            {
                // libjpeg latches a component's quantisation table when the component first appears in a scan.
                int[] quant = _quant[c.QuantId] ?? throw Invalid($"component {c.Id} uses quantisation table {c.QuantId}, which is not defined", offset);
                quant.CopyTo(_componentQuant[c.Index], 0);
            }

            c.DcPredictor = 0;
        }

        if (++_scanCount > MaxScans)
        {
            throw Invalid($"more than {MaxScans} scans", offset);
        }

        int end;
        if (!_progressive)
        {
            if (_sequentialDone)
            {
                // A sequential frame whose single scan already coded everything: skip extra data.
                return entropyStart;
            }

            end = DecodeSequential(data, entropyStart, scan);
            if (!_coefficientMode)
            {
                _sequentialDone = true;
            }
        }
        else if (ss == 0)
        {
            end = DecodeProgressiveDc(data, entropyStart, scan, ah, al);
        }
        else
        {
            end = DecodeProgressiveAc(data, entropyStart, scan[0], ss, se, ah, al);
        }

        foreach (JpegComponent c in scan)
        {
            if (!_progressive || ss == 0)
            {
                c.Scanned = true;
            }
        }

        return end;
    }

    private void AllocateBuffers(int offset, int firstScanComponents)
    {
        _coefficientMode = _progressive || firstScanComponents != _components.Length;
        _componentQuant = new int[_components.Length][];
        _rowBuffers = new byte[_components.Length][];
        int maxWidth = 0;
        foreach (JpegComponent c in _components)
        {
            c.PlaneRows = _coefficientMode ? c.BlockRows * c.BlockSize : Math.Min(c.BlockRows * c.BlockSize, 3 * c.V * c.BlockSize);
            long planeBytes = (long)c.PlaneStride * c.PlaneRows;
            if (planeBytes > Array.MaxLength)
            {
                throw Invalid($"component {c.Id} is too large to buffer", offset);
            }

            _componentQuant[c.Index] = new int[64];
            c.Plane = ArrayPool<byte>.Shared.Rent((int)planeBytes);
            if (_coefficientMode)
            {
                long coefficientCount = (long)c.BlocksPerLine * 64 * c.BlockRows;
                if (coefficientCount > Array.MaxLength)
                {
                    throw Invalid($"component {c.Id} is too large to buffer", offset);
                }

                c.Coefficients = ArrayPool<short>.Shared.Rent((int)coefficientCount);
                c.Coefficients.AsSpan(0, (int)coefficientCount).Clear();
            }

            _rowBuffers[c.Index] = new byte[(c.PlaneStride * _maxH) + 64];
            maxWidth = Math.Max(maxWidth, c.PlaneStride);
        }

        _colSums = new short[maxWidth + 32];
        _image = Image.CreateUninitialized(_outputWidth, _outputHeight, _components.Length == 1 ? PixelFormat.Gray8 : PixelFormat.Rgb24);
        _buffersReady = true;
    }

    /// <summary>
    /// At a restart boundary: drop buffered bits, find the marker and act like libjpeg's jpeg_resync_to_restart
    /// (accept the expected RSTn; skip markers of earlier intervals; leave later RSTs or other markers for the
    /// next interval, which then decodes as zeros).
    /// </summary>
    private static void ProcessRestart(ReadOnlySpan<byte> data, ref JpegBitReader reader, ref int expected)
    {
        int pos = FindMarker(data, reader.Position);
        while (pos < data.Length)
        {
            int marker = data[pos + 1];
            if (marker is < 0xD0 or > 0xD7)
            {
                // A non-restart marker (or an invalid one): leave it for the marker parser.
                if (marker < 0xC0)
                {
                    pos = FindMarker(data, pos + 2);
                    continue;
                }

                break;
            }

            int n = marker - 0xD0;
            if (n == ((expected + 1) & 7) || n == ((expected + 2) & 7))
            {
                break;
            }

            if (n == ((expected - 1) & 7) || n == ((expected - 2) & 7))
            {
                pos = FindMarker(data, pos + 2);
                continue;
            }

            pos += 2;
            break;
        }

        reader = new JpegBitReader(data, pos);
        expected = (expected + 1) & 7;
    }

    private void CheckTruncated(in JpegBitReader reader, int data)
    {
        if (reader.Truncated)
        {
            throw Invalid("entropy-coded data ends before the scan is complete (truncated file)", data);
        }
    }

    private int DecodeSequential(ReadOnlySpan<byte> data, int start, JpegComponent[] scan)
    {
        if (!_coefficientMode)
        {
            return DecodeSequentialStreaming(data, start, scan);
        }

        var reader = new JpegBitReader(data, start);
        int mcusX;
        int mcusY;
        if (scan.Length == 1)
        {
            mcusX = scan[0].ScanBlocksPerLine;
            mcusY = scan[0].ScanBlockRows;
        }
        else
        {
            mcusX = _mcusX;
            mcusY = _mcusY;
        }

        int restartsLeft = _restartInterval;
        int expectedRestart = 0;
        for (int my = 0; my < mcusY; my++)
        {
            for (int mx = 0; mx < mcusX; mx++)
            {
                if (_restartInterval > 0)
                {
                    if (restartsLeft == 0)
                    {
                        ProcessRestart(data, ref reader, ref expectedRestart);
                        restartsLeft = _restartInterval;
                        foreach (JpegComponent c in scan)
                        {
                            c.DcPredictor = 0;
                        }
                    }

                    restartsLeft--;
                }

                bool skip = reader.ConsumedPadding;
                if (scan.Length == 1)
                {
                    DecodeSequentialBlock(ref reader, scan[0], mx, my, skip);
                }
                else
                {
                    foreach (JpegComponent c in scan)
                    {
                        for (int by = 0; by < c.V; by++)
                        {
                            for (int bx = 0; bx < c.H; bx++)
                            {
                                DecodeSequentialBlock(ref reader, c, (mx * c.H) + bx, (my * c.V) + by, skip);
                            }
                        }
                    }
                }
            }

            CheckTruncated(reader, data.Length);
        }

        return reader.Position;
    }

    /// <summary>
    /// The streaming path for a sequential frame coded in one scan: each block is decoded, transformed into its
    /// component's ring rows, and finished output rows are emitted after every MCU row. Per-block lookups are
    /// hoisted into "slots" (one per block position in the MCU) so the inner loop only adds offsets.
    /// </summary>
    private int DecodeSequentialStreaming(ReadOnlySpan<byte> data, int start, JpegComponent[] scan)
    {
        var reader = new JpegBitReader(data, start);
        int slotCount = 0;
        foreach (JpegComponent c in scan)
        {
            slotCount += c.H * c.V;
        }

        var slotComponent = new JpegComponent[slotCount];
        var slotDc = new JpegHuffmanTable[slotCount];
        var slotAc = new JpegHuffmanTable[slotCount];
        var slotQuant = new int[slotCount][];
        var slotPlane = new byte[slotCount][];
        var slotStride = new int[slotCount];
        var slotRow = new int[slotCount];
        var slotColumn = new int[slotCount];
        var slotMcuWidth = new int[slotCount];
        var slotSize = new int[slotCount];
        var slotRowBase = new int[slotCount];
        var slotPredictor = new int[slotCount];
        int slot = 0;
        foreach (JpegComponent c in scan)
        {
            for (int by = 0; by < c.V; by++)
            {
                for (int bx = 0; bx < c.H; bx++)
                {
                    slotComponent[slot] = c;
                    slotDc[slot] = _dcTables[c.DcTable]!;
                    slotAc[slot] = _acTables[c.AcTable]!;
                    slotQuant[slot] = _componentQuant[c.Index];
                    slotPlane[slot] = c.Plane!;
                    slotStride[slot] = c.PlaneStride;
                    slotRow[slot] = by * c.BlockSize;
                    slotColumn[slot] = bx * c.BlockSize;
                    slotMcuWidth[slot] = c.H * c.BlockSize;
                    slotSize[slot] = c.BlockSize;
                    slot++;
                }
            }
        }

        // Predictors are per component; a slot points at its component's first slot.
        for (int i = 0; i < slotCount; i++)
        {
            slotPredictor[i] = Array.IndexOf(slotComponent, slotComponent[i]);
        }

        Span<int> predictors = stackalloc int[slotCount];
        predictors.Clear();
        int mcusX = scan.Length == 1 ? scan[0].ScanBlocksPerLine : _mcusX;
        int mcusY = scan.Length == 1 ? scan[0].ScanBlockRows : _mcusY;
        int restartsLeft = _restartInterval;
        int expectedRestart = 0;
        Span<short> block = _block;
        block.Clear();
        for (int my = 0; my < mcusY; my++)
        {
            for (int i = 0; i < slotCount; i++)
            {
                JpegComponent c = slotComponent[i];
                slotRowBase[i] = c.RowOffset((my * c.V * c.BlockSize) + slotRow[i]) + slotColumn[i];
            }

            for (int mx = 0; mx < mcusX; mx++)
            {
                if (_restartInterval > 0)
                {
                    if (restartsLeft == 0)
                    {
                        ProcessRestart(data, ref reader, ref expectedRestart);
                        restartsLeft = _restartInterval;
                        predictors.Clear();
                    }

                    restartsLeft--;
                }

                bool skip = reader.ConsumedPadding;
                for (int i = 0; i < slotCount; i++)
                {
                    int[] quant = slotQuant[i];
                    byte[] plane = slotPlane[i];
                    int stride = slotStride[i];
                    int offset = slotRowBase[i] + (mx * slotMcuWidth[i]);
                    if (skip)
                    {
                        FillDcOnly(slotSize[i], 0, quant[0], plane, offset, stride);
                        continue;
                    }

                    ref int predictor = ref predictors[slotPredictor[i]];
                    int last = reader.DecodeBlock(block, slotDc[i], slotAc[i], ref predictor, s_zigZag);
                    if (last == 0)
                    {
                        FillDcOnly(slotSize[i], block[0], quant[0], plane, offset, stride);
                        block[0] = 0;
                    }
                    else
                    {
                        TransformBlock(slotSize[i], block, quant, plane, offset, stride);
                        block.Clear();
                    }
                }
            }

            CheckTruncated(reader, data.Length);
            EmitRowsAfterMcuRow(my + 1);
        }

        return reader.Position;
    }

    /// <summary>Coefficient mode (multi-scan sequential files): decodes one block into the component's coefficient buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DecodeSequentialBlock(ref JpegBitReader reader, JpegComponent c, int bx, int by, bool skip)
    {
        if (skip)
        {
            return;
        }

        Span<short> target = c.Coefficients.AsSpan(((by * c.BlocksPerLine) + bx) * 64, 64);
        int predictor = c.DcPredictor;
        DecodeBlock(ref reader, target, _dcTables[c.DcTable]!, _acTables[c.AcTable]!, ref predictor);
        c.DcPredictor = predictor;
    }

    /// <summary>Decodes one sequential block into <paramref name="block"/> (natural order); returns the last zig-zag index coded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeBlock(ref JpegBitReader reader, Span<short> block, JpegHuffmanTable dc, JpegHuffmanTable ac, ref int predictor) =>
        reader.DecodeBlock(block, dc, ac, ref predictor, s_zigZag);

    private int DecodeProgressiveDc(ReadOnlySpan<byte> data, int start, JpegComponent[] scan, int ah, int al)
    {
        var reader = new JpegBitReader(data, start);
        bool single = scan.Length == 1;
        int mcusX = single ? scan[0].ScanBlocksPerLine : _mcusX;
        int mcusY = single ? scan[0].ScanBlockRows : _mcusY;
        int restartsLeft = _restartInterval;
        int expectedRestart = 0;
        for (int my = 0; my < mcusY; my++)
        {
            for (int mx = 0; mx < mcusX; mx++)
            {
                if (_restartInterval > 0)
                {
                    if (restartsLeft == 0)
                    {
                        ProcessRestart(data, ref reader, ref expectedRestart);
                        restartsLeft = _restartInterval;
                        foreach (JpegComponent c in scan)
                        {
                            c.DcPredictor = 0;
                        }
                    }

                    restartsLeft--;
                }

                if (reader.ConsumedPadding)
                {
                    if (_restartInterval == 0)
                    {
                        // Nothing but zero bits until the end of this scan: the remaining blocks stay as they are.
                        CheckTruncated(reader, data.Length);
                        return reader.Position;
                    }

                    continue;
                }

                foreach (JpegComponent c in scan)
                {
                    int h = single ? 1 : c.H;
                    int v = single ? 1 : c.V;
                    for (int by = 0; by < v; by++)
                    {
                        for (int bx = 0; bx < h; bx++)
                        {
                            int index = ((((my * v) + by) * c.BlocksPerLine) + (mx * h) + bx) * 64;
                            short[] coefficients = c.Coefficients!;
                            if (ah == 0)
                            {
                                int s = reader.DecodeSymbol(_dcTables[c.DcTable]!);
                                int predictor = c.DcPredictor + reader.ReceiveExtend(s);
                                c.DcPredictor = predictor;
                                coefficients[index] = (short)(predictor << al);
                            }
                            else if (reader.GetBit() != 0)
                            {
                                coefficients[index] |= (short)(1 << al);
                            }
                        }
                    }
                }
            }

            CheckTruncated(reader, data.Length);
        }

        return reader.Position;
    }

    private int DecodeProgressiveAc(ReadOnlySpan<byte> data, int start, JpegComponent c, int ss, int se, int ah, int al)
    {
        var reader = new JpegBitReader(data, start);
        JpegHuffmanTable table = _acTables[c.AcTable]!;
        short[] coefficients = c.Coefficients!;
        int blocksX = c.ScanBlocksPerLine;
        int blocksY = c.ScanBlockRows;
        int restartsLeft = _restartInterval;
        int expectedRestart = 0;
        int eobRun = 0;
        for (int by = 0; by < blocksY; by++)
        {
            for (int bx = 0; bx < blocksX; bx++)
            {
                if (_restartInterval > 0)
                {
                    if (restartsLeft == 0)
                    {
                        ProcessRestart(data, ref reader, ref expectedRestart);
                        restartsLeft = _restartInterval;
                        eobRun = 0;
                    }

                    restartsLeft--;
                }

                if (reader.ConsumedPadding)
                {
                    if (_restartInterval == 0)
                    {
                        CheckTruncated(reader, data.Length);
                        return reader.Position;
                    }

                    continue;
                }

                Span<short> block = coefficients.AsSpan(((by * c.BlocksPerLine) + bx) * 64, 64);
                if (ah == 0)
                {
                    DecodeAcFirst(ref reader, block, table, ss, se, al, ref eobRun);
                }
                else
                {
                    DecodeAcRefine(ref reader, block, table, ss, se, al, ref eobRun);
                }
            }

            CheckTruncated(reader, data.Length);
        }

        return reader.Position;
    }

    private static void DecodeAcFirst(ref JpegBitReader reader, Span<short> block, JpegHuffmanTable table, int ss, int se, int al, ref int eobRun)
    {
        if (eobRun > 0)
        {
            eobRun--;
            return;
        }

        int[] fastAc = table.FastAc;
        for (int k = ss; k <= se; k++)
        {
            // Combined code + magnitude lookup, as in the sequential decoder.
            reader.Ensure(32);
            int fast = fastAc[reader.Peek9()];
            if (fast != 0)
            {
                reader.Skip(fast & 0xFF);
                k += (fast >> 8) & 0xFF;
                block[s_zigZag[k]] = (short)((fast >> 16) << al);
                continue;
            }

            int rs = reader.DecodeSymbol(table);
            int r = rs >> 4;
            int s = rs & 15;
            if (s != 0)
            {
                k += r;
                int value = reader.ReceiveExtend(s);
                block[s_zigZag[k]] = (short)(value << al);
            }
            else if (r == 15)
            {
                k += 15;
            }
            else
            {
                eobRun = (1 << r) - 1;
                if (r != 0)
                {
                    eobRun += reader.GetBits(r);
                }

                break;
            }
        }
    }

    private static void DecodeAcRefine(ref JpegBitReader reader, Span<short> block, JpegHuffmanTable table, int ss, int se, int al, ref int eobRun) =>
        reader.DecodeAcRefine(block, table, ss, se, al, ref eobRun, s_zigZag);

    /// <summary>After the last scan of a progressive or multi-scan file: inverse-transform every block into its plane.</summary>
    private void TransformAllBlocks()
    {
        foreach (JpegComponent c in _components)
        {
            short[] coefficients = c.Coefficients!;
            int[] quant = _componentQuant[c.Index];
            byte[] plane = c.Plane!;
            int stride = c.PlaneStride;
            for (int by = 0; by < c.BlockRows; by++)
            {
                for (int bx = 0; bx < c.BlocksPerLine; bx++)
                {
                    ReadOnlySpan<short> block = coefficients.AsSpan(((by * c.BlocksPerLine) + bx) * 64, 64);
                    int size = c.BlockSize;
                    int planeOffset = (by * size * stride) + (bx * size);
                    if (block[1..].IndexOfAnyExcept((short)0) < 0)
                    {
                        FillDcOnly(size, block[0], quant[0], plane, planeOffset, stride);
                    }
                    else
                    {
                        TransformBlock(size, block, quant, plane, planeOffset, stride);
                    }
                }
            }
        }
    }

    /// <summary>Writes a block whose AC coefficients are all zero: 8×8 by the islow shortcut, smaller by jidctred's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FillDcOnly(int size, int dc, int quantDc, byte[] plane, int offset, int stride)
    {
        if (size == 8)
        {
            JpegIdct.Fill(JpegIdct.DcOnlyValue(dc, quantDc), plane, offset, stride);
        }
        else
        {
            JpegReducedIdct.Fill(size, JpegReducedIdct.DcOnlyValue(size, dc, quantDc), plane, offset, stride);
        }
    }

    /// <summary>Inverse-transforms one block to size × size samples (8: islow; 4, 2, 1: reduced).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformBlock(int size, ReadOnlySpan<short> block, int[] quant, byte[] plane, int offset, int stride)
    {
        if (size == 8)
        {
            JpegIdct.Transform(block, quant, plane, offset, stride);
        }
        else
        {
            JpegReducedIdct.Transform(size, block, quant, plane, offset, stride);
        }
    }
}
