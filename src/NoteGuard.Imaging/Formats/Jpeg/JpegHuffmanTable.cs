namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>
/// A decoding table built from a DHT segment (T.81 Annex C): a 9-bit lookahead table for short codes,
/// canonical max-code arrays for the rest, and for AC tables a combined run/size/value table so that
/// most coefficients are decoded with one lookup.
/// </summary>
internal sealed class JpegHuffmanTable
{
    /// <summary>Bits resolved by the lookahead tables.</summary>
    public const int LookaheadBits = 9;

    private const int LookaheadSize = 1 << LookaheadBits;

    /// <summary>Lookahead: (code length &lt;&lt; 8) | symbol, or 0 when the code is longer than <see cref="LookaheadBits"/>.</summary>
    public readonly ushort[] Lookup = new ushort[LookaheadSize];

    /// <summary>
    /// AC fast path: when a code and its magnitude bits fit in the lookahead, the entry is
    /// (value &lt;&lt; 16) | (run &lt;&lt; 8) | total bits; otherwise 0. Value is the sign-extended coefficient.
    /// </summary>
    public readonly int[] FastAc = new int[LookaheadSize];

    /// <summary>Largest code of each length 1..16 (index 17 is a sentinel), -1 when the length has no code.</summary>
    public readonly int[] MaxCode = new int[18];

    /// <summary>Symbol index = code + ValueOffset[length].</summary>
    public readonly int[] ValueOffset = new int[18];

    /// <summary>Symbols in code order (padded to 256).</summary>
    public readonly byte[] Values = new byte[256];

    /// <summary>
    /// Builds the table from the 16 code-length counts and the symbols. Throws <see cref="InvalidImageException"/>
    /// for over-subscribed code spaces (libjpeg's "Bogus Huffman table definition") and for DC symbols over 15.
    /// </summary>
    public void Build(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols, bool isDc, long offset)
    {
        Span<int> codes = stackalloc int[256];
        Span<byte> sizes = stackalloc byte[256];
        int k = 0;
        int code = 0;
        for (int length = 1; length <= 16; length++)
        {
            for (int i = 0; i < counts[length - 1]; i++)
            {
                codes[k] = code;
                sizes[k] = (byte)length;
                k++;
                code++;
            }

            // The next code must still fit in `length` bits: all-ones codes are reserved (T.81 C.2).
            if (code >= 1 << length)
            {
                throw new InvalidImageException($"JPEG Huffman table at offset {offset} is over-subscribed (bad code lengths).") { Offset = offset };
            }

            code <<= 1;
        }

        symbols.CopyTo(Values);
        Values.AsSpan(symbols.Length).Clear();
        if (isDc)
        {
            foreach (byte symbol in symbols)
            {
                if (symbol > 15)
                {
                    throw new InvalidImageException($"JPEG DC Huffman table at offset {offset} has a symbol {symbol} over 15.") { Offset = offset };
                }
            }
        }

        k = 0;
        for (int length = 1; length <= 16; length++)
        {
            int n = counts[length - 1];
            if (n > 0)
            {
                ValueOffset[length] = k - codes[k];
                k += n;
                MaxCode[length] = codes[k - 1];
            }
            else
            {
                MaxCode[length] = -1;
            }
        }

        MaxCode[17] = int.MaxValue;
        Array.Clear(Lookup);
        Array.Clear(FastAc);
        for (int i = 0; i < symbols.Length; i++)
        {
            int length = sizes[i];
            if (length > LookaheadBits)
            {
                continue;
            }

            int first = codes[i] << (LookaheadBits - length);
            int count = 1 << (LookaheadBits - length);
            for (int j = 0; j < count; j++)
            {
                Lookup[first + j] = (ushort)((length << 8) | symbols[i]);
            }
        }

        if (!isDc)
        {
            for (int index = 0; index < LookaheadSize; index++)
            {
                int entry = Lookup[index];
                if (entry == 0)
                {
                    continue;
                }

                int length = entry >> 8;
                int symbol = entry & 0xFF;
                int run = symbol >> 4;
                int size = symbol & 15;
                if (size == 0 || length + size > LookaheadBits)
                {
                    continue;
                }

                int raw = (index >> (LookaheadBits - length - size)) & ((1 << size) - 1);
                int value = raw < (1 << (size - 1)) ? raw - (1 << size) + 1 : raw;
                FastAc[index] = (value << 16) | (run << 8) | (length + size);
            }
        }
    }
}
