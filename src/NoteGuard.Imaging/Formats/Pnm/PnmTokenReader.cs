namespace NoteGuard.Imaging.Formats.Pnm;

/// <summary>Reads the decimal numbers of a Netpbm header or ASCII raster, skipping whitespace and '#' comments.</summary>
internal ref struct PnmTokenReader
{
    private readonly ReadOnlySpan<byte> _data;

    public PnmTokenReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        Position = position;
    }

    public int Position { get; set; }

    /// <summary>Netpbm whitespace: space, TAB, LF, VT, FF, CR.</summary>
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or 0x0B or 0x0C or (byte)'\r';

    public void SkipWhitespaceAndComments()
    {
        while (Position < _data.Length)
        {
            byte b = _data[Position];
            if (IsWhitespace(b))
            {
                Position++;
            }
            else if (b == (byte)'#')
            {
                while (Position < _data.Length && _data[Position] != (byte)'\n' && _data[Position] != (byte)'\r')
                {
                    Position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Reads a header field; throws when it is missing, not a number or larger than <paramref name="max"/>.</summary>
    public int ReadHeaderNumber(string what, int max)
    {
        SkipWhitespaceAndComments();
        if (Position >= _data.Length)
        {
            throw PnmCodec.Truncated($"the header ends before the {what}", Position);
        }

        int start = Position;
        long value = ReadDigits(max, out bool tooLarge);
        if (Position == start)
        {
            throw PnmCodec.Invalid($"expected the {what} as a decimal number, found 0x{_data[start]:X2}", start);
        }

        if (tooLarge)
        {
            throw PnmCodec.Invalid($"{what} is larger than {max}", start);
        }

        return (int)value;
    }

    /// <summary>Reads one ASCII raster sample; <paramref name="ended"/> is set when the data runs out first.</summary>
    public int ReadRasterNumber(int maxValue, int row, out bool ended)
    {
        SkipWhitespaceAndComments();
        ended = Position >= _data.Length;
        if (ended)
        {
            return 0;
        }

        int start = Position;
        long value = ReadDigits(maxValue, out bool tooLarge);
        if (Position == start)
        {
            throw PnmCodec.Invalid($"expected a decimal sample on row {row}, found 0x{_data[start]:X2}", start);
        }

        if (tooLarge)
        {
            throw PnmCodec.Invalid($"sample on row {row} exceeds maxval {maxValue}", start);
        }

        return (int)value;
    }

    private long ReadDigits(int max, out bool tooLarge)
    {
        long value = 0;
        tooLarge = false;
        while (Position < _data.Length && _data[Position] is >= (byte)'0' and <= (byte)'9')
        {
            // Keep consuming digits so the error points at the number's start, but stop growing past the limit.
            if (!tooLarge)
            {
                value = (value * 10) + (_data[Position] - '0');
                tooLarge = value > max;
            }

            Position++;
        }

        return value;
    }
}
