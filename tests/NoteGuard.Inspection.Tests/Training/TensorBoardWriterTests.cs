using System.Buffers.Binary;
using System.Text;
using NoteGuard.Inspection.Training;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Training;

public sealed class TensorBoardWriterTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Crc32CMatchesTheStandardCheckValue()
    {
        // CRC-32C check value from the Castagnoli CRC catalogue: "123456789" -> 0xE3069283.
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0xE3069283u, TensorBoardEvents.BitwiseCrc32C("123456789"u8));
    }

    [Fact]
    public void WritesFramedEventsThatAnIndependentReaderAccepts()
    {
        string path;
        using (var writer = new TensorBoardWriter(_dir))
        {
            writer.AddScalar("loss/train", 0.75, step: 1);
            writer.AddScalar("accuracy/validation", 0.5, step: 1);
            writer.AddScalar("loss/train", 0.25, step: 2);
            path = writer.FilePath;
        }

        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(path), StringComparison.Ordinal);
        var events = TensorBoardEvents.Read(File.ReadAllBytes(path));
        Assert.Equal(4, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal(("loss/train", 0.75f, 1L), (events[1].Tag, events[1].Value, events[1].Step));
        Assert.Equal(("accuracy/validation", 0.5f, 1L), (events[2].Tag, events[2].Value, events[2].Step));
        Assert.Equal(("loss/train", 0.25f, 2L), (events[3].Tag, events[3].Value, events[3].Step));
        Assert.All(events, e => Assert.InRange(e.WallTime, 1.6e9, 4.0e9));
    }

    [Fact]
    public void ACorruptedByteIsCaughtByTheRecordCrc()
    {
        string path;
        using (var writer = new TensorBoardWriter(_dir))
        {
            writer.AddScalar("loss/train", 1.0, step: 1);
            path = writer.FilePath;
        }

        byte[] bytes = File.ReadAllBytes(path);
        bytes[^6] ^= 0x01; // inside the last record's data
        Assert.Throws<InvalidDataException>(() => TensorBoardEvents.Read(bytes));
    }
}
