using System.Buffers.Binary;
using System.Text;
using NoteGuard.Learning.Serialization;
using NoteGuard.TestUtilities;
using Xunit.Abstractions;

namespace NoteGuard.Learning.Tests.Serialization;

/// <summary>Every validation path of the reader, each with a hand-built file that is wrong in exactly one way.</summary>
public sealed class ModelFileValidationTests(ITestOutputHelper output)
{
    private const string ValidJson =
        """{"kind":"svm","labels":["a","b"],"header":{"c":1},"tensors":[{"name":"w","dtype":"float32","shape":[2,2],"offset":0,"length":16},{"name":"b","dtype":"uint8","shape":[3],"offset":64,"length":3}]}""";

    private static readonly Dictionary<string, (Func<byte[]> Make, string Fragment)> s_cases = new()
    {
        // Preamble and framing.
        ["empty input"] = (() => [], "the file is empty"),
        ["magic only"] = (() => "NGMODEL\0"u8.ToArray(), "truncated"),
        ["partial magic"] = (() => "NGMOD"u8.ToArray(), "truncated"),
        ["wrong magic"] = (() => Patch(Valid(), 0, "PK\u0003\u0004"u8), "not a NoteGuard model file"),
        ["png instead"] = (() => [0x89, .. "PNG\r\n\u001a\n"u8, .. new byte[100]], "not a NoteGuard model file"),
        ["newer version"] = (() => RawModelFile.Build(ValidJson, ValidData(), version: ModelFile.FormatVersion + 1), "written by a newer NoteGuard"),
        ["version zero"] = (() => RawModelFile.Build(ValidJson, ValidData(), version: 0), "version 0"),
        ["flags set"] = (() => RawModelFile.Build(ValidJson, ValidData(), flags: 1), "flags"),
        ["header length zero"] = (() => RawModelFile.Build(ValidJson, ValidData(), headerLength: 0), "header length 0"),
        ["header length huge"] = (() => RawModelFile.Build(ValidJson, ValidData(), headerLength: ulong.MaxValue), "header length"),
        ["header length past end"] = (() => RawModelFile.Build(ValidJson, ValidData(), headerLength: 100_000), "header length 100000"),
        ["header length off by one"] = (() => RawModelFile.Build(ValidJson, ValidData(), headerLength: (ulong)ValidJson.Length - 1), "non-zero byte in header padding"),
        ["data length huge"] = (() => RawModelFile.Build(ValidJson, ValidData(), dataLength: 1UL << 62), "exceeds the file size"),
        ["data length unaligned"] = (() => RawModelFile.Build(ValidJson, ValidData(), dataLength: 100), "not a multiple of 64"),
        ["data length short"] = (() => RawModelFile.Build(ValidJson, ValidData(), dataLength: 64), "trailing bytes"),
        ["truncated in data"] = (() => Valid()[..^40], "truncated"),
        ["truncated in checksum"] = (() => Valid()[..^1], "truncated"),
        ["truncated in preamble"] = (() => Valid()[..20], "truncated"),
        ["trailing garbage"] = (() => [.. Valid(), 0], "1 unexpected trailing bytes"),
        ["checksum flipped"] = (() => Flip(Valid(), ^1), "checksum mismatch"),
        ["data flipped"] = (() => Flip(Valid(), 130), "checksum mismatch"),
        ["header flipped"] = (() => Flip(Valid(), 40), "checksum mismatch"),
        ["header padding not zero"] = (() => RawModelFile.Seal(Patch(Valid(), 32 + ValidJson.Length, [0x20])), "non-zero byte in header padding"),

        // JSON structure.
        ["json malformed"] = (() => RawModelFile.Build("""{"kind":"svm","tensors":[}""", []), "JSON header is malformed"),
        ["json trailing comma"] = (() => RawModelFile.Build("""{"kind":"svm","tensors":[],}""", []), "JSON header is malformed"),
        ["json comment"] = (() => RawModelFile.Build("""{"kind":"svm",/*x*/"tensors":[]}""", []), "JSON header is malformed"),
        ["json not object"] = (() => RawModelFile.Build("""[1,2]""", []), "the JSON header is an array, not an object"),
        ["json too deep"] = (() => RawModelFile.Build("""{"kind":"svm","tensors":[],"header":""" + new string('[', 100) + new string(']', 100) + "}", []), "JSON header is malformed"),
        ["json invalid utf8 in kind"] = (() => RawModelFile.Build([.. "{\"kind\":\"s"u8, 0xFF, 0xFE, .. "\",\"tensors\":[]}"u8], []), "not valid UTF-8"),
        ["json invalid utf8 in label"] = (() => RawModelFile.Build([.. "{\"kind\":\"svm\",\"labels\":[\""u8, 0xC3, .. "\"],\"tensors\":[]}"u8], []), "not valid UTF-8"),
        ["json invalid utf8 in user header"] = (() => RawModelFile.Build([.. "{\"kind\":\"svm\",\"header\":{\"a\":\""u8, 0xED, 0xA0, 0x80, .. "\"},\"tensors\":[]}"u8], []), "not valid UTF-8"),
        ["json invalid utf8 in tensor name"] = (() => RawModelFile.Build([.. "{\"kind\":\"svm\",\"tensors\":[{\"name\":\""u8, 0x80, .. "\",\"dtype\":\"uint8\",\"shape\":[],\"offset\":0,\"length\":1}]}"u8], new byte[64]), "not valid UTF-8"),
        ["json invalid utf8 in key"] = (() => RawModelFile.Build([.. "{\"kind\":\"svm\",\"tensors\":[],\""u8, 0xC0, 0x80, .. "\":1}"u8], []), "not valid UTF-8"),
        ["json lone surrogate in key"] = (() => RawModelFile.Build("""{"kind":"svm","tensors":[],"\udc00":1}""", []), "JSON header"),
        ["json lone surrogate in user header key"] = (() => RawModelFile.Build("""{"kind":"svm","header":{"\udc00":1},"tensors":[]}""", []), "header"),
        ["json lone surrogate in user header value"] = (() => RawModelFile.Build("""{"kind":"svm","header":{"a":[{"b":"\ud800"}]},"tensors":[]}""", []), "a string in \"header\" is not a valid string"),
        ["json lone surrogate in label"] = (() => RawModelFile.Build("""{"kind":"svm","labels":["\ud800x"],"tensors":[]}""", []), "label"),
        ["json duplicate key"] = (() => RawModelFile.Build("""{"kind":"svm","kind":"knn","tensors":[]}""", []), "JSON header is malformed"),
        ["json duplicate key in user header"] = (() => RawModelFile.Build("""{"kind":"svm","header":{"a":1,"a":2},"tensors":[]}""", []), "JSON header is malformed"),
        ["unknown top-level field"] = (() => RawModelFile.Build("""{"kind":"svm","tensors":[],"code":"rm -rf"}""", []), "unknown field 'code'"),
        ["missing kind"] = (() => RawModelFile.Build("""{"tensors":[]}""", []), "no \"kind\""),
        ["kind not string"] = (() => RawModelFile.Build("""{"kind":3,"tensors":[]}""", []), "no \"kind\""),
        ["kind empty"] = (() => RawModelFile.Build("""{"kind":"","tensors":[]}""", []), "kind '' is invalid"),
        ["kind control char"] = (() => RawModelFile.Build("""{"kind":"s\u0000vm","tensors":[]}""", []), "control character"),
        ["missing tensors"] = (() => RawModelFile.Build("""{"kind":"svm"}""", []), "no \"tensors\" array"),
        ["tensors not array"] = (() => RawModelFile.Build("""{"kind":"svm","tensors":{}}""", []), "no \"tensors\" array"),
        ["labels not array"] = (() => RawModelFile.Build("""{"kind":"svm","labels":"a","tensors":[]}""", []), "\"labels\" in the JSON header is not an array"),
        ["label not string"] = (() => RawModelFile.Build("""{"kind":"svm","labels":["a",1],"tensors":[]}""", []), "label 1 in the JSON header is a number, not a string"),
        ["labels duplicate"] = (() => RawModelFile.Build("""{"kind":"svm","labels":["a","a"],"tensors":[]}""", []), "repeats an earlier label"),
        ["header not object"] = (() => RawModelFile.Build("""{"kind":"svm","header":[],"tensors":[]}""", []), "\"header\" in the JSON header is not an object"),

        // Tensor directory entries.
        ["entry not object"] = (() => Entries("""[1]""", 0), "tensor directory entry 0 is a number, not an object"),
        ["entry unknown field"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":0,"length":1,"type":"System.Object"}]""", 64), "unknown field 'type'"),
        ["entry missing name"] = (() => Entries("""[{"dtype":"uint8","shape":[1],"offset":0,"length":1}]""", 64), "no \"name\" string"),
        ["entry empty name"] = (() => Entries("""[{"name":"","dtype":"uint8","shape":[1],"offset":0,"length":1}]""", 64), "it is empty"),
        ["entry control name"] = (() => Entries("""[{"name":"a\nb","dtype":"uint8","shape":[1],"offset":0,"length":1}]""", 64), "control character U+000A"),
        ["entry lone surrogate"] = (() => Entries("""[{"name":"a\ud800","dtype":"uint8","shape":[1],"offset":0,"length":1}]""", 64), "w"),
        ["entry duplicate name"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":0,"length":1},{"name":"w","dtype":"uint8","shape":[1],"offset":64,"length":1}]""", 128), "repeats the name 'w'"),
        ["entry missing dtype"] = (() => Entries("""[{"name":"w","shape":[1],"offset":0,"length":1}]""", 64), "no \"dtype\""),
        ["entry unknown dtype"] = (() => Entries("""[{"name":"w","dtype":"bfloat16","shape":[1],"offset":0,"length":2}]""", 64), "unknown dtype 'bfloat16'"),
        ["entry float16 in a version-1 file"] = (() => Entries("""[{"name":"w","dtype":"float16","shape":[1],"offset":0,"length":2}]""", 64), "float16, which needs model format version 2; the file says version 1"),
        ["entry dtype wrong case"] = (() => Entries("""[{"name":"w","dtype":"Float32","shape":[1],"offset":0,"length":4}]""", 64), "unknown dtype 'Float32'"),
        ["entry missing shape"] = (() => Entries("""[{"name":"w","dtype":"uint8","offset":0,"length":1}]""", 64), "no \"shape\" array"),
        ["entry negative dim"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[-1],"offset":0,"length":1}]""", 64), "dimension 0 = -1"),
        ["entry fractional dim"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1.5],"offset":0,"length":1}]""", 64), "dimension 0 = 1.5"),
        ["entry dim too big"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[3000000000],"offset":0,"length":1}]""", 64), "dimension 0 = 3000000000"),
        ["entry string dim"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":["1"],"offset":0,"length":1}]""", 64), "dimension 0"),
        ["entry rank too big"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[""" + string.Join(',', Enumerable.Repeat(1, 33)) + """],"offset":0,"length":1}]""", 64), "33 dimensions"),
        ["entry huge element count"] = (() => Entries("""[{"name":"w","dtype":"float32","shape":[1000000,1000000],"offset":0,"length":4000000000000}]""", 64), "more elements than any array"),
        ["entry overflowing element count"] = (() => Entries("""[{"name":"w","dtype":"float64","shape":[2147483647,2147483647,2147483647,2147483647,2147483647],"offset":0,"length":8}]""", 64), "more elements than any array"),
        ["entry length lies"] = (() => Entries("""[{"name":"w","dtype":"float32","shape":[3],"offset":0,"length":8}]""", 64), "declares 8 bytes but shape [3] of float32 needs 12"),
        ["entry length negative"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":0,"length":-1}]""", 64), "no non-negative integer \"length\""),
        ["entry offset missing"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"length":1}]""", 64), "no non-negative integer \"offset\""),
        ["entry offset huge"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":9223372036854775744,"length":1}]""", 64), "past the end"),
        ["entry offset beyond int64"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":18446744073709551615,"length":1}]""", 64), "no non-negative integer \"offset\""),
        ["entry offset unaligned"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":3,"length":1}]""", 64), "not a multiple of 64"),
        ["entry past data end"] = (() => Entries("""[{"name":"w","dtype":"float32","shape":[20],"offset":0,"length":80}]""", 64), "past the end of the 64-byte data section"),
        ["entries overlap"] = (() => Entries("""[{"name":"w","dtype":"float32","shape":[20],"offset":0,"length":80},{"name":"v","dtype":"uint8","shape":[1],"offset":64,"length":1}]""", 128), "overlaps tensor 'w'"),
        ["entries identical range"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[4],"offset":0,"length":4},{"name":"v","dtype":"int32","shape":[1],"offset":0,"length":4}]""", 64), "overlaps"),
        ["gap not zero"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":0,"length":1}]""", 64, d => d[10] = 1), "non-zero byte in the padding after the last tensor"),
        ["gap before tensor not zero"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":64,"length":1}]""", 128, d => d[0] = 1), "padding before tensor 'w'"),
        ["data section too long"] = (() => Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":0,"length":1}]""", 192), "tensors end at 1"),
        ["data without tensors"] = (() => Entries("""[]""", 64), "tensors end at 0"),
    };

    public static TheoryData<string> CaseNames => [.. s_cases.Keys];

    [Fact]
    public void HandBuiltValidFileLoads()
    {
        ModelFile model = ModelFile.Read(Valid());
        Assert.Equal("svm", model.Kind);
        Assert.Equal(["a", "b"], model.Labels);
        Assert.Equal(1, (int)model.Header["c"]!);
        Assert.Equal([1.5f, -2f, 0f, 1e-3f], model.GetTensor("w", 2, 2).AsFloat32());
        Assert.Equal([7, 8, 9], model.GetTensor("b", 3).AsUInt8());

        // The reference writer produces these exact bytes for the same content.
        var same = new ModelFile { Kind = "svm", Labels = ["a", "b"], Header = new() { ["c"] = 1 } };
        same.Tensors.Add(new StoredTensor("w", [2, 2], new[] { 1.5f, -2f, 0f, 1e-3f }));
        same.Tensors.Add(new StoredTensor("b", [3], new byte[] { 7, 8, 9 }));
        Assert.Equal(Valid(), same.ToBytes());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void InvalidFileIsRejectedWithAClearMessage(string caseName)
    {
        (Func<byte[]> make, string fragment) = s_cases[caseName];
        byte[] bytes = make();
        var ex = Assert.Throws<InvalidModelException>(() => ModelFile.Read(bytes));
        output.WriteLine(ex.Message);
        Assert.True(ex.Message.Contains(fragment, StringComparison.Ordinal), ex.Message);
        Assert.StartsWith("Invalid model file <bytes> at offset ", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.Offset, 0, Math.Max(bytes.Length, 0));
        Assert.Equal("<bytes>", ex.SourceName);
    }

    [Fact]
    public void OffsetsAndTensorNamesPointAtTheProblem()
    {
        var version = Assert.Throws<InvalidModelException>(() => ModelFile.Read(RawModelFile.Build(ValidJson, ValidData(), version: 7)));
        Assert.Equal(8, version.Offset);
        Assert.Contains("version 7", version.Message, StringComparison.Ordinal);

        var flags = Assert.Throws<InvalidModelException>(() => ModelFile.Read(RawModelFile.Build(ValidJson, ValidData(), flags: 2)));
        Assert.Equal(12, flags.Offset);

        var headerLength = Assert.Throws<InvalidModelException>(() => ModelFile.Read(RawModelFile.Build(ValidJson, ValidData(), headerLength: 1UL << 40)));
        Assert.Equal(16, headerLength.Offset);

        var dataLength = Assert.Throws<InvalidModelException>(() => ModelFile.Read(RawModelFile.Build(ValidJson, ValidData(), dataLength: 1UL << 40)));
        Assert.Equal(24, dataLength.Offset);

        byte[] valid = Valid();
        var checksum = Assert.Throws<InvalidModelException>(() => ModelFile.Read(Flip(valid, 200)));
        Assert.Equal(valid.Length - 32, checksum.Offset);

        var trailing = Assert.Throws<InvalidModelException>(() => ModelFile.Read([.. valid, 1, 2, 3]));
        Assert.Equal(valid.Length, trailing.Offset);

        const string Directory = """[{"name":"ok","dtype":"uint8","shape":[1],"offset":0,"length":1},{"name":"conv.weight","dtype":"float32","shape":[3],"offset":64,"length":8}]""";
        var lies = Assert.Throws<InvalidModelException>(() => ModelFile.Read(Entries(Directory, 128)));
        Assert.Equal("conv.weight", lies.TensorName);
        Assert.Equal(32 + """{"kind":"svm","tensors":""".Length + Directory.IndexOf("{\"name\":\"conv", StringComparison.Ordinal), lies.Offset);
        Assert.Contains("tensor 'conv.weight' (directory entry 1)", lies.Message, StringComparison.Ordinal);

        var gap = Assert.Throws<InvalidModelException>(() => ModelFile.Read(Entries("""[{"name":"w","dtype":"uint8","shape":[1],"offset":64,"length":1}]""", 128, d => d[5] = 1)));
        int dataStart = RawModelFile.AlignUp(32 + Encoding.UTF8.GetByteCount("""{"kind":"svm","tensors":[{"name":"w","dtype":"uint8","shape":[1],"offset":64,"length":1}]}"""));
        Assert.Equal(dataStart + 5, gap.Offset);
    }

    [Fact]
    public void HugeClaimsAreRejectedBeforeAllocating()
    {
        byte[] bytes = Entries("""[{"name":"w","dtype":"float64","shape":[1000000,1000000],"offset":0,"length":8000000000000}]""", 64);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidModelException>(() => ModelFile.Read(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, 1L << 20);

        // A claim that fits an array but not the file is caught by the data-section bound, again before allocation.
        bytes = Entries("""[{"name":"w","dtype":"float32","shape":[500000000],"offset":0,"length":2000000000}]""", 64);
        before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<InvalidModelException>(() => ModelFile.Read(bytes));
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("past the end", ex.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 1L << 20);
    }

    [Fact]
    public void ExpectedKindPrefixIsEnforced()
    {
        byte[] bytes = Valid();
        Assert.Equal("svm", ModelFile.Read(bytes, new ModelFileReadOptions { ExpectedKindPrefix = "svm" }).Kind);
        Assert.Equal("svm", ModelFile.Read(bytes, new ModelFileReadOptions { ExpectedKindPrefix = "" }).Kind);
        var ex = Assert.Throws<InvalidModelException>(() => ModelFile.Read(bytes, new ModelFileReadOptions { ExpectedKindPrefix = "nn/" }));
        Assert.Contains("holds a 'svm' model but a model of kind 'nn/...' was expected", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidModelException>(() => ModelFile.Read(bytes, new ModelFileReadOptions { ExpectedKindPrefix = "SVM" }));
    }

    [Fact]
    public void MaxBytesIsEnforcedForEveryInputKind()
    {
        byte[] bytes = Valid();
        var options = new ModelFileReadOptions { MaxBytes = bytes.Length - 1 };
        Assert.Contains("over the limit", Assert.Throws<InvalidModelException>(() => ModelFile.Read(bytes, options)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidModelException>(() => ModelFile.Read(new MemoryStream(bytes), options));
        Assert.NotNull(ModelFile.Read(bytes, options with { MaxBytes = bytes.Length }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelFile.Read(bytes, new ModelFileReadOptions { MaxBytes = 0 }));

        string dir = TestPaths.NewTempDirectory();
        try
        {
            string path = Path.Combine(dir, "m.ngm");
            File.WriteAllBytes(path, bytes);
            var ex = Assert.Throws<InvalidModelException>(() => ModelFile.Load(path, options));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void LoadNamesTheFileAndReportsMissingFiles()
    {
        string dir = TestPaths.NewTempDirectory();
        try
        {
            string path = Path.Combine(dir, "broken.ngm");
            File.WriteAllBytes(path, Valid()[..^5]);
            var ex = Assert.Throws<InvalidModelException>(() => ModelFile.Load(path));
            Assert.Contains($"'{path}'", ex.Message, StringComparison.Ordinal);
            Assert.Equal($"'{path}'", ex.SourceName);

            string missing = Path.Combine(dir, "missing.ngm");
            var notFound = Assert.Throws<FileNotFoundException>(() => ModelFile.Load(missing));
            Assert.Equal(missing, notFound.FileName);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void GetTensorAndTypedAccessReportMismatches()
    {
        ModelFile model = ModelFile.Read(Valid());

        var missing = Assert.Throws<InvalidModelException>(() => model.GetTensor("fc.weight"));
        Assert.Contains("has no tensor 'fc.weight'", missing.Message, StringComparison.Ordinal);
        Assert.Equal("fc.weight", missing.TensorName);

        var shape = Assert.Throws<InvalidModelException>(() => model.GetTensor("w", 4));
        Assert.Contains("tensor 'w' has shape [2, 2] but [4] was expected", shape.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidModelException>(() => model.GetTensor("w", 2, 2, 1));
        Assert.Same(model.GetTensor("w"), model.GetTensor("w", -1, 2));
        Assert.Throws<InvalidModelException>(() => model.GetTensor("b", Array.Empty<int>())); // a scalar was wanted
        _ = model.GetTensor("b", 3);

        var type = Assert.Throws<InvalidModelException>(() => model.GetTensor("w").AsFloat64());
        Assert.Contains("tensor 'w' holds float32 data but float64 was requested", type.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("w", type.TensorName);
        Assert.Throws<InvalidModelException>(() => model.GetTensor("w").AsInt32());
        Assert.Throws<InvalidModelException>(() => model.GetTensor("w").AsInt64());
        Assert.Throws<InvalidModelException>(() => model.GetTensor("w").AsUInt8());
        Assert.Throws<InvalidModelException>(() => model.GetTensor("b").AsFloat32());
    }

    [Fact]
    public void ExceptionConstructorsWork()
    {
        Assert.Equal("The model file is invalid.", new InvalidModelException().Message);
        var inner = new IOException("x");
        var ex = new InvalidModelException("bad", inner);
        Assert.Same(inner, ex.InnerException);
        Assert.Equal(-1, new InvalidModelException("bad").Offset);
    }

    internal static byte[] Valid() => RawModelFile.Build(ValidJson, ValidData());

    private static byte[] ValidData()
    {
        byte[] data = new byte[128];
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(0), 1.5f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -2f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(8), 0f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(12), 1e-3f);
        data[64] = 7;
        data[65] = 8;
        data[66] = 9;
        return data;
    }

    /// <summary>A sealed file with kind "svm", the given tensor directory and a zero data section of the given size.</summary>
    private static byte[] Entries(string tensorsJson, int dataLength, Action<byte[]>? editData = null)
    {
        byte[] data = new byte[dataLength];
        editData?.Invoke(data);
        return RawModelFile.Build("""{"kind":"svm","tensors":""" + tensorsJson + "}", data);
    }

    private static byte[] Patch(byte[] file, int offset, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(file.AsSpan(offset));
        return file;
    }

    private static byte[] Flip(byte[] file, Index at)
    {
        file[at] ^= 0x10;
        return file;
    }
}
