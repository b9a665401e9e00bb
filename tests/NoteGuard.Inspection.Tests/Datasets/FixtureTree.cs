using System.Globalization;
using System.Text;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Datasets;

/// <summary>
/// A dataset tree written into a fresh temporary folder by the test itself (no image files are committed).
/// "Images" written by <see cref="FakeImage"/> hold a text hash the audit's test seam reads back, so layout, split
/// and audit logic are tested without depending on a codec; <see cref="Pgm"/> writes real binary PGM files.
/// </summary>
internal sealed class FixtureTree : IDisposable
{
    public FixtureTree()
    {
        Root = TestPaths.NewTempDirectory();
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Text(string relative, string content)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A file whose content is <c>FAKE hash</c>; <see cref="HashOf"/> returns the hash.</summary>
    public string FakeImage(string relative, ulong hash, string salt = "")
    {
        return Text(relative, string.Create(CultureInfo.InvariantCulture, $"FAKE {hash:X16} {salt}"));
    }

    /// <summary>A binary 8-bit PGM (P5) with the given pixels, row-major.</summary>
    public string Pgm(string relative, int width, int height, Func<int, int, byte> pixel)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{width} {height}\n255\n"));
        var data = new byte[header.Length + (width * height)];
        header.CopyTo(data, 0);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                data[header.Length + (y * width) + x] = pixel(x, y);
            }
        }

        File.WriteAllBytes(path, data);
        return path;
    }

    /// <summary>The audit's test seam: reads the hash of a <see cref="FakeImage"/>, throws InvalidImageException otherwise.</summary>
    public static ulong HashOf(byte[] content)
    {
        string text = Encoding.ASCII.GetString(content);
        if (!text.StartsWith("FAKE ", StringComparison.Ordinal))
        {
            throw new NoteGuard.Imaging.InvalidImageException("Not a PNG, JPEG or PNM image (unrecognised signature).");
        }

        return ulong.Parse(text.AsSpan(5, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}

/// <summary>A minimal binary-PGM reader for tests that must not depend on the codec under development.</summary>
internal static class TestPgm
{
    public static NoteGuard.Imaging.Image Load(string path, NoteGuard.Imaging.DecoderOptions options)
    {
        byte[] data = File.ReadAllBytes(path);
        if (data.Length < 2 || data[0] != 'P' || data[1] != '5')
        {
            throw new NoteGuard.Imaging.InvalidImageException($"{path}: not a binary PGM.");
        }

        var fields = new List<int>();
        int i = 2;
        while (fields.Count < 3)
        {
            while (i < data.Length && char.IsWhiteSpace((char)data[i]))
            {
                i++;
            }

            int start = i;
            while (i < data.Length && char.IsAsciiDigit((char)data[i]))
            {
                i++;
            }

            if (i == start)
            {
                throw new NoteGuard.Imaging.InvalidImageException($"{path}: bad PGM header.");
            }

            fields.Add(int.Parse(System.Text.Encoding.ASCII.GetString(data, start, i - start), CultureInfo.InvariantCulture));
        }

        i++;
        int w = fields[0], h = fields[1];
        if (data.Length - i < w * h)
        {
            throw new NoteGuard.Imaging.InvalidImageException($"{path}: truncated PGM.");
        }

        return NoteGuard.Imaging.Image.FromPixels(w, h, NoteGuard.Imaging.PixelFormat.Gray8, data.AsSpan(i, w * h));
    }
}
