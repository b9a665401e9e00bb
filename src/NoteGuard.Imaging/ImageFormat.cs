namespace NoteGuard.Imaging;

/// <summary>Container formats NoteGuard recognises from the first bytes of a file.</summary>
public enum ImageFormat
{
    /// <summary>Not a recognised image format.</summary>
    Unknown = 0,

    /// <summary>Portable Network Graphics.</summary>
    Png,

    /// <summary>JPEG (JFIF or EXIF).</summary>
    Jpeg,

    /// <summary>Netpbm binary or ASCII graymap/pixmap (P1–P6).</summary>
    Pnm,
}
