using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NoteGuard.Imaging.Formats.Png;

/// <summary>
/// CRC-32 of PNG chunks (ISO 3309 / ITU-T V.42 polynomial 0xEDB88320, reflected, initial and final XOR 0xFFFFFFFF),
/// PNG specification annex D. Slicing-by-8: eight 256-entry tables let the loop fold eight input bytes per step.
/// </summary>
internal static class PngCrc32
{
    private const uint Polynomial = 0xEDB88320u;

    // Table k maps a byte to its CRC contribution after k further zero bytes; table 0 is the classic byte table.
    private static readonly uint[] s_tables = BuildTables();

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFFu, data);

    /// <summary>
    /// Folds <paramref name="data"/> into a running (pre-inverted) CRC register. Start with 0xFFFFFFFF and invert the result.
    /// </summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        ref uint tables = ref MemoryMarshal.GetArrayDataReference(s_tables);
        int i = 0;
        while (data.Length - i >= 8)
        {
            uint low = crc ^ BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i, 4));
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i + 4, 4));
            crc = Unsafe.Add(ref tables, (7 * 256) + (int)(low & 0xFF))
                ^ Unsafe.Add(ref tables, (6 * 256) + (int)((low >> 8) & 0xFF))
                ^ Unsafe.Add(ref tables, (5 * 256) + (int)((low >> 16) & 0xFF))
                ^ Unsafe.Add(ref tables, (4 * 256) + (int)(low >> 24))
                ^ Unsafe.Add(ref tables, (3 * 256) + (int)(high & 0xFF))
                ^ Unsafe.Add(ref tables, (2 * 256) + (int)((high >> 8) & 0xFF))
                ^ Unsafe.Add(ref tables, 256 + (int)((high >> 16) & 0xFF))
                ^ Unsafe.Add(ref tables, (int)(high >> 24));
            i += 8;
        }

        for (; i < data.Length; i++)
        {
            crc = Unsafe.Add(ref tables, (int)((crc ^ data[i]) & 0xFF)) ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            tables[n] = c;
        }

        for (int t = 1; t < 8; t++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint previous = tables[((t - 1) * 256) + n];
                tables[(t * 256) + n] = tables[previous & 0xFF] ^ (previous >> 8);
            }
        }

        return tables;
    }
}
