namespace NoteGuard.Imaging.Formats.Jpeg;

/// <content>Upsampling and colour conversion of decoded planes into the output image, row by row.</content>
internal sealed partial class JpegFrameDecoder
{
    /// <summary>After <paramref name="mcuRows"/> MCU rows of an interleaved sequential scan: emit every output row whose inputs exist.</summary>
    private void EmitRowsAfterMcuRow(int mcuRows)
    {
        if (mcuRows >= _mcusY)
        {
            EmitRows(_outputHeight);
            return;
        }

        int limit = _nextOutputRow;
        while (limit < _outputHeight && RowReady(limit, mcuRows))
        {
            limit++;
        }

        EmitRows(limit);
    }

    private bool RowReady(int y, int mcuRows)
    {
        foreach (JpegComponent c in _components)
        {
            int needed = c.Upsampling is JpegUpsampling.H1V2Fancy or JpegUpsampling.H2V2Fancy
                ? (y >> 1) + (y & 1)
                : y / c.VerticalRatio;
            needed = Math.Min(needed, c.OutputHeight - 1);
            if (needed >= mcuRows * c.V * c.BlockSize)
            {
                return false;
            }
        }

        return true;
    }

    private void EmitRows(int limit)
    {
        Image image = _image!;
        bool rgb = IsRgbTransform;
        for (int y = _nextOutputRow; y < limit; y++)
        {
            Span<byte> destination = image.GetRow(y);
            if (_components.Length == 1)
            {
                UpsampleRow(_components[0], y)[.._outputWidth].CopyTo(destination);
                continue;
            }

            ReadOnlySpan<byte> c0 = UpsampleRow(_components[0], y);
            ReadOnlySpan<byte> c1 = UpsampleRow(_components[1], y);
            ReadOnlySpan<byte> c2 = UpsampleRow(_components[2], y);
            if (rgb)
            {
                JpegColor.Interleave(c0, c1, c2, destination, _outputWidth);
            }
            else
            {
                JpegColor.YCbCrToRgb(c0, c1, c2, destination, _outputWidth);
            }
        }

        _nextOutputRow = Math.Max(_nextOutputRow, limit);
    }

    /// <summary>Output row <paramref name="y"/> of a component at full resolution (at least image width samples).</summary>
    private ReadOnlySpan<byte> UpsampleRow(JpegComponent c, int y)
    {
        byte[] plane = c.Plane!;
        int stride = c.PlaneStride;
        byte[] output = _rowBuffers[c.Index];
        switch (c.Upsampling)
        {
            case JpegUpsampling.None:
                return plane.AsSpan(c.RowOffset(y), stride);

            case JpegUpsampling.H2V1Fancy:
                JpegColor.UpsampleH2V1(plane.AsSpan(c.RowOffset(y), c.OutputWidth), _colSums, output);
                return output;

            case JpegUpsampling.H1V2Fancy:
            {
                int near = y >> 1;
                int far = Math.Clamp((y & 1) == 0 ? near - 1 : near + 1, 0, c.OutputHeight - 1);
                JpegColor.UpsampleH1V2(plane.AsSpan(c.RowOffset(near), c.OutputWidth), plane.AsSpan(c.RowOffset(far), c.OutputWidth), output, (y & 1) == 0 ? 1 : 2);
                return output;
            }

            case JpegUpsampling.H2V2Fancy:
            {
                int near = y >> 1;
                int far = Math.Clamp((y & 1) == 0 ? near - 1 : near + 1, 0, c.OutputHeight - 1);
                JpegColor.UpsampleH2V2(plane.AsSpan(c.RowOffset(near), c.OutputWidth), plane.AsSpan(c.RowOffset(far), c.OutputWidth), _colSums, output);
                return output;
            }

            default:
            {
                ReadOnlySpan<byte> source = plane.AsSpan(c.RowOffset(y / c.VerticalRatio), stride);
                int ratio = c.HorizontalRatio;
                if (ratio == 1)
                {
                    return source;
                }

                for (int x = 0; x < _outputWidth; x++)
                {
                    output[x] = source[x / ratio];
                }

                return output;
            }
        }
    }
}
