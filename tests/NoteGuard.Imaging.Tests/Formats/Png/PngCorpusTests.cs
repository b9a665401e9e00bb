using NoteGuard.Imaging.Formats.Png;

namespace NoteGuard.Imaging.Tests.Formats.Png;

/// <summary>Every corpus PNG must decode exactly like ImageMagick/libpng (the references in png-corpus.zip).</summary>
public sealed class PngCorpusTests
{
    public static TheoryData<string> Names => PngCorpus.Names;

    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Names))]
    public void Decode_MatchesIndependentReference(string name)
    {
        PngCorpusEntry entry = PngCorpus.Entries[name];
        using Image image = PngDecoder.Decode(entry.Png, DecoderOptions.Default);
        Assert.Equal(entry.Width, image.Width);
        Assert.Equal(entry.Height, image.Height);
        Assert.Equal(entry.Format, image.Format);
        PixelAssert.Exact(entry.ReferenceRgba, PixelAssert.ToRgba(image), entry.Width, 4, name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Identify_AgreesWithHeader(string name)
    {
        PngCorpusEntry entry = PngCorpus.Entries[name];
        ImageInfo info = PngDecoder.Identify(entry.Png, DecoderOptions.Default);
        Assert.Equal(ImageFormat.Png, info.Format);
        Assert.Equal(entry.Width, info.Width);
        Assert.Equal(entry.Height, info.Height);
        Assert.Equal(entry.Format, info.PixelFormat);
        Assert.Equal(entry.BitDepth, info.BitDepth);
        Assert.Equal(entry.ColorType.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Details["color_type"]);
        Assert.Equal(entry.Interlaced ? "adam7" : "none", info.Details["interlace"]);
        Assert.Equal(entry.Format == PixelFormat.Rgba32 ? "true" : "false", info.Details["has_transparency"]);
    }

    [Fact]
    public void Corpus_CoversEveryColourTypeDepthInterlaceAndFilter()
    {
        var combos = PngCorpus.Entries.Values.Select(e => (e.ColorType, e.BitDepth, e.Interlaced)).ToHashSet();
        int[][] legal = [[0, 1, 2, 4, 8, 16], [2, 8, 16], [3, 1, 2, 4, 8], [4, 8, 16], [6, 8, 16]];
        foreach (int[] row in legal)
        {
            foreach (int depth in row[1..])
            {
                Assert.Contains((row[0], depth, false), combos);
                Assert.Contains((row[0], depth, true), combos);
            }
        }

        var filters = PngCorpus.Entries.Values.SelectMany(e => e.Filters).ToHashSet();
        Assert.Equal([0, 1, 2, 3, 4], filters.Order());
        Assert.Contains(PngCorpus.Entries.Values, e => e.HasTrns && e.ColorType == 3);
        Assert.Contains(PngCorpus.Entries.Values, e => e.HasTrns && e.ColorType == 0 && e.BitDepth == 16);
        Assert.Contains(PngCorpus.Entries.Values, e => e.HasTrns && e.ColorType == 2);
    }

    [Fact]
    public void Identify_ReportsGammaFromGama()
    {
        ImageInfo info = PngDecoder.Identify(PngCorpus.Entries["split_idat_ancillary.png"].Png, DecoderOptions.Default);
        Assert.Equal("0.45455", info.Details["gamma"]);
        Assert.Equal("0", info.Details["srgb_intent"]);
    }
}
