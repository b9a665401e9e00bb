using NoteGuard.Learning.Models;
using NoteGuard.Learning.Serialization;
using NoteGuard.Learning.Tensors;
using NoteGuard.TestUtilities;

namespace NoteGuard.Learning.Tests.Nn;

/// <summary>Networks through model files: bit-exact round trip and strict validation.</summary>
public sealed class NetworkFileTests
{
    [Theory]
    [InlineData("compact-cnn")]
    [InlineData("mobilenet-v2")]
    public void SaveLoadRoundTripIsBitExact(string arch)
    {
        var net = ModelZoo.Create(arch, 4, new ZooOptions { Seed = 9, InputSize = arch == "mobilenet-v2" ? 64 : null });
        var x = new Tensor([2, .. net.InputShape]);
        new SeededRandom(1).FillNormal(x.Span, 0, 1);
        net.Forward(x); // training step moves the running statistics away from their defaults
        string dir = TestPaths.NewTempDirectory();
        string path = Path.Combine(dir, "model" + ModelFile.FileExtension);
        NetworkFile.Save(net, path, ["a", "b", "c", "d"]);
        var loaded = NetworkFile.Load(path);
        Assert.Equal(arch, loaded.Architecture);
        Assert.Equal(net.InputShape, loaded.InputShape);
        foreach (var (name, tensor) in net.StateDict())
        {
            Assert.Equal(tensor.ToArray(), loaded.StateDict()[name].ToArray());
        }

        net.Eval();
        Assert.Equal(net.Forward(x).ToArray(), loaded.Forward(x).ToArray());
        Assert.Equal(["a", "b", "c", "d"], ModelFile.Load(path).Labels);
    }

    [Fact]
    public void MissingUnexpectedAndMisshapenTensorsAreRejected()
    {
        var file = NetworkFile.ToModelFile(ModelZoo.Create("compact-cnn", 3));
        var missing = Copy(file, skip: "features.4.weight");
        Assert.Contains("features.4.weight", Assert.Throws<InvalidModelException>(() => NetworkFile.FromModelFile(missing)).Message, StringComparison.Ordinal);

        var extra = Copy(file, skip: null);
        extra.Tensors.Add(new StoredTensor("features.99.weight", [1], [1f]));
        Assert.Contains("features.99.weight", Assert.Throws<InvalidModelException>(() => NetworkFile.FromModelFile(extra)).Message, StringComparison.Ordinal);

        var misshapen = Copy(file, skip: "classifier.4.bias");
        misshapen.Tensors.Add(new StoredTensor("classifier.4.bias", [4], new float[4]));
        Assert.Contains("classifier.4.bias", Assert.Throws<InvalidModelException>(() => NetworkFile.FromModelFile(misshapen)).Message, StringComparison.Ordinal);

        var wrongKind = new ModelFile { Kind = "nn/vgg99", Header = file.Header.DeepClone().AsObject() };
        Assert.Throws<InvalidModelException>(() => NetworkFile.FromModelFile(wrongKind));

        var badHeader = new ModelFile { Kind = "nn/compact-cnn" };
        Assert.Throws<InvalidModelException>(() => NetworkFile.FromModelFile(badHeader));
    }

    private static ModelFile Copy(ModelFile file, string? skip)
    {
        var copy = new ModelFile { Kind = file.Kind, Header = file.Header.DeepClone().AsObject() };
        foreach (var t in file.Tensors.Where(t => t.Name != skip))
        {
            copy.Tensors.Add(t);
        }

        return copy;
    }
}
