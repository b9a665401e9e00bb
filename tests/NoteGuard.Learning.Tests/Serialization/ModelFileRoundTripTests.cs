using System.Buffers.Binary;
using System.Text.Json.Nodes;
using NoteGuard.Learning.Serialization;
using NoteGuard.TestUtilities;

namespace NoteGuard.Learning.Tests.Serialization;

public sealed class ModelFileRoundTripTests
{
    /// <summary>Float bit patterns that a careless writer or reader would change: NaN payloads, signed zero, denormals, infinities.</summary>
    private static readonly uint[] s_float32Bits =
    [
        0x00000000, 0x80000000, 0x00000001, 0x807FFFFF, 0x00400000, 0x7F800000, 0xFF800000, 0x7FC00000,
        0x7FC00001, 0xFFFFFFFF, 0x7F800001, 0x3F800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x00800000, 0x3EAAAAAB,
    ];

    private static readonly ulong[] s_float64Bits =
    [
        0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x7FF0000000000000,
        0xFFF0000000000000, 0x7FF8000000000000, 0x7FF8000000000123, 0xFFFFFFFFFFFFFFFF, 0x7FF0000000000001,
        0x3FF0000000000000, 0x7FEFFFFFFFFFFFFF, 0x3FD5555555555555,
    ];

    [Fact]
    public void AllDataTypesRoundTripBitExact()
    {
        float[] f32 = s_float32Bits.Select(BitConverter.UInt32BitsToSingle).ToArray();
        double[] f64 = s_float64Bits.Select(BitConverter.UInt64BitsToDouble).ToArray();
        int[] i32 = [0, 1, -1, int.MinValue, int.MaxValue, 123456789, -987654321];
        long[] i64 = [0, 1, -1, long.MinValue, long.MaxValue, 1L << 40, -(1L << 53) - 1];
        byte[] u8 = [0, 1, 127, 128, 254, 255];

        var model = new ModelFile { Kind = "test/all-types" };
        model.Tensors.Add(new StoredTensor("f32", [4, 4], f32));
        model.Tensors.Add(new StoredTensor("f64", [13], f64));
        model.Tensors.Add(new StoredTensor("i32", [7, 1], i32));
        model.Tensors.Add(new StoredTensor("i64", [1, 7], i64));
        model.Tensors.Add(new StoredTensor("u8", [2, 3], u8));

        ModelFile loaded = ModelFile.Read(model.ToBytes());

        Assert.Equal(["f32", "f64", "i32", "i64", "u8"], loaded.Tensors.Select(t => t.Name));
        Assert.Equal(s_float32Bits, loaded.GetTensor("f32", 4, 4).AsFloat32().Select(BitConverter.SingleToUInt32Bits));
        Assert.Equal(s_float64Bits, loaded.GetTensor("f64", 13).AsFloat64().Select(BitConverter.DoubleToUInt64Bits));
        Assert.Equal(i32, loaded.GetTensor("i32", 7, 1).AsInt32());
        Assert.Equal(i64, loaded.GetTensor("i64", 1, 7).AsInt64());
        Assert.Equal(u8, loaded.GetTensor("u8", 2, 3).AsUInt8());
        Assert.Equal(
            [TensorDataType.Float32, TensorDataType.Float64, TensorDataType.Int32, TensorDataType.Int64, TensorDataType.UInt8],
            loaded.Tensors.Select(t => t.DataType));
    }

    [Fact]
    public void Float16RoundTripsBitExactAndOnlyItRaisesTheFormatVersion()
    {
        // Zero, -0, one, the largest finite, the smallest subnormal, infinities, a NaN payload, and 0.1 rounded to binary16.
        ushort[] bits = [0x0000, 0x8000, 0x3C00, 0x7BFF, 0x0001, 0x7C00, 0xFC00, 0x7E01, 0x2E66];
        var model = new ModelFile { Kind = "test/half" };
        model.Tensors.Add(new StoredTensor("f16", [3, 3], bits.Select(BitConverter.UInt16BitsToHalf).ToArray()));
        model.Tensors.Add(new StoredTensor("f32", [1], [1.5f]));
        byte[] bytes = model.ToBytes();

        ModelFile loaded = ModelFile.Read(bytes);
        Assert.Equal(TensorDataType.Float16, loaded.Tensors[0].DataType);
        Assert.Equal(bits, loaded.GetTensor("f16", 3, 3).AsFloat16().Select(BitConverter.HalfToUInt16Bits));
        Assert.Equal(1.5f, loaded.GetTensor("f32", 1).AsFloat32()[0]);
        Assert.Equal((uint)ModelFile.Float16Version, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(18, loaded.Tensors[0].ByteLength);

        // Without a float16 tensor the file stays version 1, readable by version-1 readers.
        var plain = new ModelFile { Kind = "test/plain" };
        plain.Tensors.Add(new StoredTensor("f32", [1], [1.5f]));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(plain.ToBytes().AsSpan(8)));
    }

    [Fact]
    public void EmptyAndScalarTensorsRoundTrip()
    {
        var model = new ModelFile { Kind = "test/shapes" };
        model.Tensors.Add(new StoredTensor("empty1d", [0], Array.Empty<float>()));
        model.Tensors.Add(new StoredTensor("empty3d", [3, 0, 2], Array.Empty<long>()));
        model.Tensors.Add(new StoredTensor("scalar", [], new double[] { Math.PI }));
        model.Tensors.Add(new StoredTensor("after", [3], new byte[] { 9, 8, 7 }));
        model.Tensors.Add(new StoredTensor("trailing-empty", [0, 5], Array.Empty<int>()));

        ModelFile loaded = ModelFile.Read(model.ToBytes());

        StoredTensor empty3d = loaded.GetTensor("empty3d", 3, 0, 2);
        Assert.Equal(0, empty3d.ElementCount);
        Assert.Empty(empty3d.AsInt64());
        Assert.Empty(loaded.GetTensor("empty1d", 0).AsFloat32());
        StoredTensor scalar = loaded.GetTensor("scalar");
        Assert.Empty(scalar.Shape);
        Assert.Equal(1, scalar.ElementCount);
        Assert.Equal(BitConverter.DoubleToUInt64Bits(Math.PI), BitConverter.DoubleToUInt64Bits(scalar.AsFloat64()[0]));
        Assert.Equal([9, 8, 7], loaded.GetTensor("after").AsUInt8());
        Assert.Equal(0, loaded.GetTensor("trailing-empty", 0, 5).ElementCount);
    }

    [Fact]
    public void ModelWithoutTensorsOrLabelsRoundTrips()
    {
        var model = new ModelFile { Kind = "knn" };
        byte[] bytes = model.ToBytes();
        Assert.Equal(64 + 64 + 32, bytes.Length); // preamble+header padded to 128, no data, checksum
        ModelFile loaded = ModelFile.Read(bytes);
        Assert.Equal("knn", loaded.Kind);
        Assert.Empty(loaded.Tensors);
        Assert.Empty(loaded.Labels);
        Assert.Empty(loaded.Header);
    }

    [Fact]
    public void UnicodeNamesLabelsAndKindRoundTrip()
    {
        string[] names = ["слой.0.weight", "层.偏置", "note-💶.scale", "é", "tab\u00A0nbsp", "\"quoted\\name\""];
        var model = new ModelFile { Kind = "nn/тест-🧪", Labels = ["€5", "€10", "₹500", "日本円", ""] };
        for (int i = 0; i < names.Length; i++)
        {
            model.Tensors.Add(new StoredTensor(names[i], [1], new float[] { i }));
        }

        ModelFile loaded = ModelFile.Read(model.ToBytes());

        Assert.Equal("nn/тест-🧪", loaded.Kind);
        Assert.Equal(["€5", "€10", "₹500", "日本円", ""], loaded.Labels);
        Assert.Equal(names, loaded.Tensors.Select(t => t.Name));
        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal((float)i, loaded.GetTensor(names[i]).AsFloat32()[0]);
        }
    }

    [Fact]
    public void LargeTensorRoundTripsAndIsAligned()
    {
        var rng = new Random(1234);
        float[] big = new float[300_001];
        for (int i = 0; i < big.Length; i++)
        {
            big[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        var model = new ModelFile { Kind = "nn/test" };
        model.Tensors.Add(new StoredTensor("odd", [3], new byte[] { 1, 2, 3 }));
        model.Tensors.Add(new StoredTensor("big", [300_001], big));
        model.Tensors.Add(new StoredTensor("tail", [5], new short[5].Select(_ => 7L).ToArray()));
        byte[] bytes = model.ToBytes();

        ModelFile loaded = ModelFile.Read(bytes);
        float[] back = loaded.GetTensor("big").AsFloat32();
        Assert.Equal(big.Select(BitConverter.SingleToUInt32Bits), back.Select(BitConverter.SingleToUInt32Bits));

        // Every tensor starts on a 64-byte boundary of the file, and so does the data section.
        JsonObject header = JsonNode.Parse(RawModelFile.HeaderText(bytes))!.AsObject();
        int dataStart = RawModelFile.AlignUp(32 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(0, dataStart % 64);
        foreach (JsonNode? entry in header["tensors"]!.AsArray())
        {
            Assert.Equal(0, (long)entry!["offset"]! % 64);
        }

        Assert.Equal(64, (long)header["tensors"]![1]!["offset"]!);
        Assert.Equal(1_200_004, (long)header["tensors"]![1]!["length"]!);
        Assert.Equal(64 + 1_200_064, (long)header["tensors"]![2]!["offset"]!);
    }

    [Fact]
    public void HeaderJsonAndLabelsArePreserved()
    {
        var header = new JsonObject
        {
            ["architecture"] = new JsonObject { ["name"] = "compact-cnn", ["channels"] = new JsonArray(8, 16, 32), ["dropout"] = 0.25 },
            ["preprocessing"] = new JsonObject { ["size"] = new JsonArray(64, 128), ["mean"] = new JsonArray(0.485, 0.456, 0.406) },
            ["metrics"] = new JsonObject { ["accuracy"] = 0.9931, ["f1"] = null },
            ["provenance"] = new JsonObject { ["dataset"] = "banknote-authentication", ["seed"] = 42, ["flag"] = true },
            ["tiny"] = 1e-300,
        };
        var model = new ModelFile { Kind = "nn/compact-cnn", Header = header, Labels = ["5", "10", "20"] };
        ModelFile loaded = ModelFile.Read(model.ToBytes());

        Assert.True(JsonNode.DeepEquals(header, loaded.Header), loaded.Header.ToJsonString());
        Assert.Equal(0.25, (double)loaded.Header["architecture"]!["dropout"]!);
        Assert.Equal(1e-300, (double)loaded.Header["tiny"]!);
        Assert.Equal(["5", "10", "20"], loaded.Labels);
    }

    [Fact]
    public void LoadedHeaderIsDetachedAndEditable()
    {
        var root = new JsonObject { ["config"] = new JsonObject { ["depth"] = 3 } };
        var model = new ModelFile { Kind = "forest", Header = root["config"]!.AsObject() }; // a node that has a parent
        ModelFile loaded = ModelFile.Read(model.ToBytes());

        loaded.Header["depth"] = 4;
        loaded.Header["trees"] = new JsonArray(1, 2);
        var copy = new ModelFile { Kind = loaded.Kind, Header = loaded.Header };
        ModelFile again = ModelFile.Read(copy.ToBytes());
        Assert.Equal(4, (int)again.Header["depth"]!);
        Assert.Equal(2, again.Header["trees"]!.AsArray().Count);
        Assert.Equal(3, (int)root["config"]!["depth"]!); // the original tree is untouched
    }

    [Fact]
    public void BytesAreDeterministicAndStableAcrossReload()
    {
        ModelFile model = SampleModels.Cnn();
        byte[] first = model.ToBytes();
        byte[] second = model.ToBytes();
        Assert.Equal(first, second);
        Assert.Equal(first, ModelFile.Read(first).ToBytes());
        Assert.Equal(first.Length, first.Length / 64 * 64 + 32); // everything before the checksum is 64-aligned
    }

    [Fact]
    public void SaveToPathAndLoadRoundTrip()
    {
        string dir = TestPaths.NewTempDirectory();
        try
        {
            string path = Path.Combine(dir, "model" + ModelFile.FileExtension);
            ModelFile model = SampleModels.Cnn();
            model.Save(path);
            ModelFile loaded = ModelFile.Load(path, new ModelFileReadOptions { ExpectedKindPrefix = "nn/" });
            Assert.Equal(model.ToBytes(), File.ReadAllBytes(path));
            Assert.Equal(model.Tensors.Count, loaded.Tensors.Count);

            // Overwrite in place: the old file is replaced whole and no temporary file is left behind.
            var smaller = new ModelFile { Kind = "svm" };
            smaller.Save(path);
            Assert.Equal("svm", ModelFile.Load(path).Kind);
            Assert.Equal(["model.ngm"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FailedSaveKeepsTheOldFileAndLeavesNoTemporary()
    {
        string dir = TestPaths.NewTempDirectory();
        try
        {
            string path = Path.Combine(dir, "model.ngm");
            SampleModels.Cnn().Save(path);
            byte[] before = File.ReadAllBytes(path);

            var bad = new ModelFile { Kind = "svm", Labels = ["a", "a"] };
            Assert.Throws<InvalidOperationException>(() => bad.Save(path));
            Assert.Throws<DirectoryNotFoundException>(() => SampleModels.Cnn().Save(Path.Combine(dir, "missing", "m.ngm")));

            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(["model.ngm"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void StreamRoundTripSeekableAndNot()
    {
        ModelFile model = SampleModels.Cnn();
        using var stream = new MemoryStream();
        stream.WriteByte(0xAB); // the model starts at the stream's position, not at 0
        model.Save(stream);
        byte[] expected = model.ToBytes();
        Assert.Equal(expected, stream.ToArray()[1..]);

        stream.Position = 1;
        Assert.Equal(expected, ModelFile.Read(stream).ToBytes());

        using var forwardOnly = new ForwardOnlyStream(expected);
        Assert.Equal(expected, ModelFile.Read(forwardOnly).ToBytes());

        // A stream of unknown length is cut off as soon as it passes the limit, and a short one reads as truncated.
        using var tooLong = new ForwardOnlyStream(expected);
        var ex = Assert.Throws<InvalidModelException>(() => ModelFile.Read(tooLong, new ModelFileReadOptions { MaxBytes = expected.Length - 1 }));
        Assert.Contains("over the limit", ex.Message, StringComparison.Ordinal);
        Assert.Equal("<stream>", ex.SourceName);
        using var shortStream = new ForwardOnlyStream(expected[..^10]);
        Assert.Contains("truncated", Assert.Throws<InvalidModelException>(() => ModelFile.Read(shortStream)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TensorListKeepsOrderAndRejectsDuplicates()
    {
        var model = new ModelFile { Kind = "forest" };
        model.Tensors.Add(new StoredTensor("b", [1], new int[] { 1 }));
        model.Tensors.Add(new StoredTensor("a", [1], new int[] { 2 }));
        model.Tensors.Insert(0, new StoredTensor("c", [1], new int[] { 3 }));
        Assert.Equal(["c", "b", "a"], model.Tensors.Select(t => t.Name));

        var ex = Assert.Throws<ArgumentException>(() => model.Tensors.Add(new StoredTensor("a", [1], new int[] { 4 })));
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => model.Tensors[0] = new StoredTensor("b", [1], new int[] { 5 }));
        Assert.Throws<ArgumentNullException>(() => model.Tensors.Add(null!));

        model.Tensors[0] = new StoredTensor("c", [1], new int[] { 6 }); // same name in the same slot is a replacement
        Assert.Equal(6, model.GetTensor("c").AsInt32()[0]);
        model.Tensors.RemoveAt(1);
        Assert.False(model.TryGetTensor("b", out _));
        model.Tensors.Add(new StoredTensor("b", [1], new int[] { 7 })); // the name is free again
        model.Tensors.Clear();
        Assert.False(model.TryGetTensor("a", out _));
    }

    [Fact]
    public void StoredTensorValidatesItsArguments()
    {
        Assert.Throws<ArgumentException>(() => new StoredTensor("w", [2, 3], new float[5]));
        Assert.Throws<ArgumentException>(() => new StoredTensor("", [1], new float[1]));
        Assert.Throws<ArgumentException>(() => new StoredTensor("a\nb", [1], new float[1]));
        Assert.Throws<ArgumentException>(() => new StoredTensor("bad\uD800", [1], new float[1]));
        Assert.Throws<ArgumentException>(() => new StoredTensor(new string('x', StoredTensor.MaxNameLength + 1), [1], new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoredTensor("w", [-1], new float[0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoredTensor("w", new int[StoredTensor.MaxRank + 1], new float[0]));
        Assert.Throws<ArgumentException>(() => new StoredTensor("w", [int.MaxValue, int.MaxValue, 2], new float[0]));
        Assert.Throws<ArgumentNullException>(() => new StoredTensor("w", [1], (float[])null!));

        var t = new StoredTensor("w", [2, 3], new float[6]);
        Assert.Equal(24, t.ByteLength);
        Assert.Equal(2, t.Rank);
        Assert.Equal("w float32[2, 3]", t.ToString());
        Assert.True(t.HasShape([2, -1]));
        Assert.False(t.HasShape([2]));
    }

    [Fact]
    public void StoredTensorKeepsItsShapeWhenTheCallerArrayChanges()
    {
        int[] shape = [2, 2];
        var t = new StoredTensor("w", shape, new double[4]);
        shape[0] = 99;
        Assert.Equal([2, 2], t.Shape);
    }

    [Fact]
    public void SaveRejectsInvalidKindAndLabels()
    {
        Assert.Throws<InvalidOperationException>(() => new ModelFile { Kind = "" }.ToBytes());
        Assert.Throws<InvalidOperationException>(() => new ModelFile { Kind = "a\u0001" }.ToBytes());
        Assert.Throws<InvalidOperationException>(() => new ModelFile { Kind = new string('k', 257) }.ToBytes());
        Assert.Throws<InvalidOperationException>(() => new ModelFile { Kind = "svm", Labels = ["x", null!] }.ToBytes());
        Assert.Throws<InvalidOperationException>(() => new ModelFile { Kind = "svm", Labels = ["line\nbreak"] }.ToBytes());
    }

    /// <summary>A readable stream that cannot seek and returns data in small pieces.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 1000), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
