using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>
/// Entropy-coded segment reader (T.81 F.2.2.5): a 64-bit MSB-aligned accumulator filled a byte at a time (eight
/// at a time when no 0xFF is near), removing 0xFF00 stuffing and stopping at the first marker. After a marker or
/// the end of the data it feeds zero bits, as libjpeg does, and counts them so the caller can tell whether the
/// decoder actually consumed made-up bits.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private ulong _bits;
    private int _count;
    private int _zeroBits;
    private int _position;
    private bool _stopped;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    /// <summary>Offset of the next byte not yet loaded; at a marker, the offset of its 0xFF.</summary>
    public readonly int Position => _position;

    /// <summary>True when loading stopped at a marker or at the end of the data.</summary>
    public readonly bool Stopped => _stopped;

    /// <summary>True when the decoder has used bits that came after a marker or the end of the data.</summary>
    public readonly bool ConsumedPadding => _zeroBits > _count;

    /// <summary>True when the data ran out (no marker) and the decoder consumed bits past it: the file is truncated.</summary>
    public readonly bool Truncated => _zeroBits > _count && _position >= _data.Length;

    /// <summary>Set when a code was not found in a Huffman table (libjpeg warns and substitutes 0).</summary>
    public bool SawBadCode { readonly get; private set; }

    /// <summary>Makes at least 57 bits available.</summary>
    public void Fill()
    {
        while (_count <= 56)
        {
            if (_stopped)
            {
                int add = (64 - _count) & ~7;
                _count += add;
                _zeroBits += add;
                return;
            }

            int pos = _position;
            if (pos + 8 <= _data.Length)
            {
                ulong word = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(pos, 8));
                ulong inverted = ~word;

                // Fast path: no 0xFF byte among the next eight (a zero byte of ~word marks an 0xFF).
                if (((inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL) == 0)
                {
                    int bytes = (64 - _count) >> 3;
                    int drop = 64 - _count - (bytes * 8);
                    ulong add = (word >> _count) & ~((1UL << drop) - 1);
                    _bits |= add;
                    _count += bytes * 8;
                    _position = pos + bytes;
                    continue;
                }
            }

            if (pos >= _data.Length)
            {
                _stopped = true;
                continue;
            }

            byte b = _data[pos];
            if (b != 0xFF)
            {
                _position = pos + 1;
                Append(b);
                continue;
            }

            // 0xFF: skip fill bytes, then 0x00 means a stuffed 0xFF and anything else is a marker.
            int next = pos + 1;
            while (next < _data.Length && _data[next] == 0xFF)
            {
                next++;
            }

            if (next < _data.Length && _data[next] == 0)
            {
                _position = next + 1;
                Append(0xFF);
                continue;
            }

            _position = next < _data.Length ? next - 1 : _data.Length;
            _stopped = true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(byte b)
    {
        _bits |= (ulong)b << (56 - _count);
        _count += 8;
    }

    /// <summary>Ensures at least <paramref name="n"/> (≤ 57) bits are buffered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ensure(int n)
    {
        if (_count < n)
        {
            Fill();
        }
    }

    /// <summary>The next 9 bits (caller ensured availability).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Peek9() => (int)(_bits >> (64 - JpegHuffmanTable.LookaheadBits));

    /// <summary>Drops <paramref name="n"/> bits (1..57, already buffered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int n)
    {
        _bits <<= n;
        _count -= n;
    }

    /// <summary>Reads <paramref name="n"/> bits (0..16) as an unsigned value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetBits(int n)
    {
        if (n == 0)
        {
            return 0;
        }

        Ensure(n);
        int value = (int)(_bits >> (64 - n));
        _bits <<= n;
        _count -= n;
        return value;
    }

    /// <summary>Reads one bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetBit()
    {
        Ensure(1);
        int value = (int)(_bits >> 63);
        _bits <<= 1;
        _count--;
        return value;
    }

    /// <summary>Reads <paramref name="size"/> magnitude bits and sign-extends them (T.81 F.2.2.1 EXTEND).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int size)
    {
        if (size == 0)
        {
            return 0;
        }

        Ensure(size);
        int value = (int)(_bits >> (64 - size));
        _bits <<= size;
        _count -= size;
        return value < (1 << (size - 1)) ? value - (1 << size) + 1 : value;
    }

    /// <summary>Decodes one Huffman symbol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeSymbol(JpegHuffmanTable table)
    {
        Ensure(16);
        int entry = table.Lookup[(int)(_bits >> (64 - JpegHuffmanTable.LookaheadBits))];
        if (entry != 0)
        {
            int length = entry >> 8;
            _bits <<= length;
            _count -= length;
            return entry & 0xFF;
        }

        return DecodeSlow(table);
    }

    /// <summary>
    /// Decodes one sequential block (DC difference + AC run/size symbols, T.81 F.2.2) into <paramref name="block"/>
    /// (natural order, must be zero on entry). Returns the last zig-zag index written (0 = DC only).
    /// The bit buffer lives in locals (so the JIT keeps it in registers) and is written back around refills.
    /// </summary>
    public int DecodeBlock(Span<short> block, JpegHuffmanTable dc, JpegHuffmanTable ac, ref int predictor, ReadOnlySpan<byte> zigZag)
    {
        Debug.Assert(block.Length >= 64 && zigZag.Length >= 80);
        ref short b = ref MemoryMarshal.GetReference(block);
        ref byte z = ref MemoryMarshal.GetReference(zigZag);
        ref ushort dcLookup = ref MemoryMarshal.GetArrayDataReference(dc.Lookup);
        ref ushort acLookup = ref MemoryMarshal.GetArrayDataReference(ac.Lookup);
        ref int fastAc = ref MemoryMarshal.GetArrayDataReference(ac.FastAc);
        ulong bits = _bits;
        int count = _count;
        if (count < 32)
        {
            _bits = bits;
            _count = count;
            Fill();
            bits = _bits;
            count = _count;
        }

        // DC: a symbol (≤ 16 bits) then up to 15 magnitude bits; 32 buffered bits cover both.
        int s;
        int entry = Unsafe.Add(ref dcLookup, (nint)(bits >> (64 - JpegHuffmanTable.LookaheadBits)));
        if (entry != 0)
        {
            int length = entry >> 8;
            bits <<= length;
            count -= length;
            s = entry & 0xFF;
        }
        else
        {
            _bits = bits;
            _count = count;
            s = DecodeSlow(dc) & 15;
            bits = _bits;
            count = _count;
        }

        if (s != 0)
        {
            int v = (int)(bits >> (64 - s));
            bits <<= s;
            count -= s;
            predictor += v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
        }

        b = (short)predictor;
        int last = 0;
        int k = 1;
        while (k < 64)
        {
            if (count < 32)
            {
                _bits = bits;
                _count = count;
                Fill();
                bits = _bits;
                count = _count;
            }

            int index = (int)(bits >> (64 - JpegHuffmanTable.LookaheadBits));
            int fast = Unsafe.Add(ref fastAc, index);
            if (fast != 0)
            {
                // Code and magnitude resolved by one lookup: (value << 16) | (run << 8) | total bits.
                int total = fast & 0xFF;
                bits <<= total;
                count -= total;
                k += (fast >> 8) & 0xFF;
                Unsafe.Add(ref b, Unsafe.Add(ref z, k)) = (short)(fast >> 16);
                last = k;
                k++;
                continue;
            }

            int rs;
            entry = Unsafe.Add(ref acLookup, index);
            if (entry != 0)
            {
                int length = entry >> 8;
                bits <<= length;
                count -= length;
                rs = entry & 0xFF;
            }
            else
            {
                _bits = bits;
                _count = count;
                rs = DecodeSlow(ac);
                bits = _bits;
                count = _count;
            }

            int run = rs >> 4;
            s = rs & 15;
            if (s == 0)
            {
                if (run != 15)
                {
                    break;
                }

                k += 16;
                continue;
            }

            k += run;
            int value = (int)(bits >> (64 - s));
            bits <<= s;
            count -= s;
            Unsafe.Add(ref b, Unsafe.Add(ref z, k)) = (short)(value < (1 << (s - 1)) ? value - (1 << s) + 1 : value);
            last = k;
            k++;
        }

        _bits = bits;
        _count = count;
        return last;
    }

    /// <summary>
    /// One block of a progressive AC refinement scan (T.81 G.1.2.3, libjpeg's decode_mcu_AC_refine): new ±1
    /// coefficients at bit <paramref name="al"/> and correction bits for those already non-zero. The bit buffer
    /// lives in locals for speed, as in <see cref="DecodeBlock"/>.
    /// </summary>
    public void DecodeAcRefine(Span<short> block, JpegHuffmanTable table, int ss, int se, int al, ref int eobRun, ReadOnlySpan<byte> zigZag)
    {
        Debug.Assert(block.Length >= 64 && zigZag.Length >= 80 && se <= 63);
        ref short b = ref MemoryMarshal.GetReference(block);
        ref byte z = ref MemoryMarshal.GetReference(zigZag);
        ref ushort lookup = ref MemoryMarshal.GetArrayDataReference(table.Lookup);
        int p1 = 1 << al;
        int m1 = -1 << al;
        ulong bits = _bits;
        int count = _count;
        int k = ss;
        if (eobRun == 0)
        {
            for (; k <= se; k++)
            {
                if (count < 32)
                {
                    _bits = bits;
                    _count = count;
                    Fill();
                    bits = _bits;
                    count = _count;
                }

                int rs;
                int entry = Unsafe.Add(ref lookup, (nint)(bits >> (64 - JpegHuffmanTable.LookaheadBits)));
                if (entry != 0)
                {
                    int length = entry >> 8;
                    bits <<= length;
                    count -= length;
                    rs = entry & 0xFF;
                }
                else
                {
                    _bits = bits;
                    _count = count;
                    rs = DecodeSlow(table);
                    bits = _bits;
                    count = _count;
                }

                int r = rs >> 4;
                int s = rs & 15;
                if (s != 0)
                {
                    // s must be 1 (libjpeg only warns otherwise); one bit gives the sign.
                    s = (long)bits < 0 ? p1 : m1;
                    bits <<= 1;
                    count--;
                }
                else if (r != 15)
                {
                    eobRun = 1 << r;
                    if (r != 0)
                    {
                        eobRun += (int)(bits >> (64 - r));
                        bits <<= r;
                        count -= r;
                    }

                    break;
                }

                do
                {
                    ref short coefficient = ref Unsafe.Add(ref b, Unsafe.Add(ref z, k));
                    if (coefficient != 0)
                    {
                        if (count < 1)
                        {
                            _bits = bits;
                            _count = count;
                            Fill();
                            bits = _bits;
                            count = _count;
                        }

                        bool set = (long)bits < 0;
                        bits <<= 1;
                        count--;
                        if (set && (coefficient & p1) == 0)
                        {
                            coefficient += (short)(coefficient >= 0 ? p1 : m1);
                        }
                    }
                    else if (--r < 0)
                    {
                        break;
                    }

                    k++;
                }
                while (k <= se);

                if (s != 0)
                {
                    Unsafe.Add(ref b, Unsafe.Add(ref z, k)) = (short)s;
                }
            }
        }

        if (eobRun > 0)
        {
            for (; k <= se; k++)
            {
                ref short coefficient = ref Unsafe.Add(ref b, Unsafe.Add(ref z, k));
                if (coefficient != 0)
                {
                    if (count < 1)
                    {
                        _bits = bits;
                        _count = count;
                        Fill();
                        bits = _bits;
                        count = _count;
                    }

                    bool set = (long)bits < 0;
                    bits <<= 1;
                    count--;
                    if (set && (coefficient & p1) == 0)
                    {
                        coefficient += (short)(coefficient >= 0 ? p1 : m1);
                    }
                }
            }

            eobRun--;
        }

        _bits = bits;
        _count = count;
    }

    private int DecodeSlow(JpegHuffmanTable table)
    {
        int code16 = (int)(_bits >> 48);
        for (int length = JpegHuffmanTable.LookaheadBits + 1; length <= 16; length++)
        {
            int code = code16 >> (16 - length);
            if (code <= table.MaxCode[length])
            {
                Skip(length);
                return table.Values[(code + table.ValueOffset[length]) & 0xFF];
            }
        }

        // Not a code of this table: libjpeg warns "bad Huffman code" and substitutes a zero symbol.
        Skip(16);
        SawBadCode = true;
        return 0;
    }
}
