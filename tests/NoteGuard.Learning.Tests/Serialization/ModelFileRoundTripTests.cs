using System.Text.Json.Nodes;
using NoteGuard.Learning.Serialization;

namespace NoteGuard.Learning.Tests.Serialization;

public sealed class ModelFileRoundTripTests
{
    [Fact]
    public void SmokeRoundTrip()
    {
        var model = new ModelFile { Kind = "logreg", Labels = ["genuine", "counterfeit"], Header = new JsonObject { ["features"] = 4 } };
        model.Tensors.Add(new StoredTensor("weight", [2, 4], new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        model.Tensors.Add(new StoredTensor("bias", [2], new double[] { -0.5, 0.5 }));
        byte[] bytes = model.ToBytes();
        ModelFile loaded = ModelFile.Read(bytes);
        Assert.Equal("logreg", loaded.Kind);
        Assert.Equal(["genuine", "counterfeit"], loaded.Labels);
        Assert.Equal(4, (int)loaded.Header["features"]!);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, loaded.GetTensor("weight", 2, 4).AsFloat32());
        Assert.Equal(bytes, loaded.ToBytes());
    }
}
