using NoteGuard.Imaging;

using System.CommandLine;

namespace NoteGuard.Cli;

/// <summary>Options shared by many verbs, created fresh per command (System.CommandLine options belong to one parent).</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object on stdout instead of text (progress and logs go to stderr)." };

    public static Option<long> MaxPixels() => new("--max-pixels")
    {
        Description = "Refuse images larger than this many pixels, checked before decoding (decompression-bomb guard).",
        DefaultValueFactory = _ => DecoderOptions.Default.MaxPixels,
    };
}
