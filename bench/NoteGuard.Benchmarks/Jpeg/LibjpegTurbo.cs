using System.Runtime.InteropServices;

namespace NoteGuard.Benchmarks.Jpeg;

/// <summary>
/// In-process peer: libjpeg-turbo's TurboJPEG API (libturbojpeg.so.0 from Debian's libturbojpeg0) decoding to
/// RGB with default flags (accurate islow IDCT, fancy upsampling) - the same work djpeg does, single-threaded.
/// </summary>
internal sealed partial class LibjpegTurbo : IDisposable
{
    private const string Library = "libturbojpeg.so.0";
    private const int PixelFormatRgb = 0;
    private const int PixelFormatGray = 6;

    private nint _handle;

    public LibjpegTurbo()
    {
        _handle = TjInitDecompress();
        if (_handle == 0)
        {
            throw new InvalidOperationException("tjInitDecompress failed.");
        }
    }

    /// <summary>True when libturbojpeg can be loaded on this machine.</summary>
    public static bool IsAvailable => NativeLibrary.TryLoad(Library, out _);

    /// <summary>Reads width, height and whether the image is gray.</summary>
    public unsafe (int Width, int Height, bool Gray) ReadHeader(byte[] jpeg)
    {
        int width;
        int height;
        int subsampling;
        int colorspace;
        fixed (byte* source = jpeg)
        {
            if (TjDecompressHeader3(_handle, source, (nuint)jpeg.Length, &width, &height, &subsampling, &colorspace) != 0)
            {
                throw new InvalidOperationException("tjDecompressHeader3 failed.");
            }
        }

        // TJCS_GRAY = 2
        return (width, height, colorspace == 2);
    }

    /// <summary>Decodes <paramref name="jpeg"/> into <paramref name="destination"/> (width × height × channels bytes).</summary>
    public unsafe void Decode(byte[] jpeg, byte[] destination, int width, int height, bool gray)
    {
        fixed (byte* source = jpeg)
        fixed (byte* target = destination)
        {
            int channels = gray ? 1 : 3;
            if (TjDecompress2(_handle, source, (nuint)jpeg.Length, target, width, width * channels, height, gray ? PixelFormatGray : PixelFormatRgb, 0) != 0)
            {
                throw new InvalidOperationException("tjDecompress2 failed.");
            }
        }
    }

    public void Dispose()
    {
        if (_handle != 0)
        {
            _ = TjDestroy(_handle);
            _handle = 0;
        }
    }

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    private static partial nint TjInitDecompress();

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    private static unsafe partial int TjDecompressHeader3(nint handle, byte* jpeg, nuint size, int* width, int* height, int* subsampling, int* colorspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    private static unsafe partial int TjDecompress2(nint handle, byte* jpeg, nuint size, byte* destination, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    private static partial int TjDestroy(nint handle);
}
