using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Models;

/// <summary>Options for <see cref="ModelZoo.Create"/>.</summary>
public sealed record ZooOptions
{
    /// <summary>Seed of the weight initialisation and dropout masks (default 0).</summary>
    public ulong Seed { get; init; }

    /// <summary>Input channels, overriding the architecture's default (e.g. 1 for a grayscale ResNet18).</summary>
    public int? InChannels { get; init; }

    /// <summary>Square input size, overriding the default (only for networks ending in adaptive pooling).</summary>
    public int? InputSize { get; init; }
}

/// <summary>
/// The architectures NoteGuard trains: <c>compact-cnn</c> (seed 004), <c>deep-gray-cnn</c> (seed 001), <c>resnet18</c>
/// (seed 000, torchvision structure), <c>mobilenet-v2</c> (torchvision structure) and <c>small-alexnet</c> (Pachón et al.).
/// See docs/engine.md for how each paper was read.
/// </summary>
public static class ModelZoo
{
    /// <summary>Every architecture name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Architectures { get; } = ["compact-cnn", "deep-gray-cnn", "resnet18", "mobilenet-v2", "small-alexnet"];

    /// <summary>The default input [C, H, W] of an architecture.</summary>
    /// <exception cref="ArgumentException">Unknown architecture.</exception>
    public static int[] DefaultInputShape(string architecture) => architecture switch
    {
        "compact-cnn" => [3, 64, 64],
        "deep-gray-cnn" => [1, 224, 224],
        "resnet18" or "mobilenet-v2" or "small-alexnet" => [3, 224, 224],
        _ => throw UnknownArchitecture(architecture),
    };

    /// <summary>Builds a freshly initialised network in training mode.</summary>
    /// <exception cref="ArgumentException">Unknown architecture, or an option the architecture cannot honour.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    public static Network Create(string architecture, int classes, ZooOptions? options = null)
    {
        Guard.NotNull(architecture);
        Guard.MustBePositive(classes);
        options ??= new ZooOptions();
        int[] shape = DefaultInputShape(architecture);
        if (options.InChannels is int c)
        {
            Guard.MustBePositive(c, nameof(options.InChannels));
            shape[0] = c;
        }

        if (options.InputSize is int size)
        {
            Guard.IsTrue(architecture is "resnet18" or "mobilenet-v2" or "compact-cnn", $"{architecture} has a fixed input size", nameof(options));
            Guard.MustBeBetween(size, 32, 4096, nameof(options.InputSize));
            Guard.IsTrue(architecture != "compact-cnn" || size % 8 == 0, "compact-cnn needs an input size divisible by 8 (three 2× pools)", nameof(options));
            shape[1] = shape[2] = size;
        }

        var random = new SeededRandom(options.Seed);
        var stages = architecture switch
        {
            "compact-cnn" => CompactCnn(shape[0], shape[1], classes, random),
            "deep-gray-cnn" => DeepGrayCnn(shape[0], classes, random),
            "resnet18" => ResNet18(shape[0], classes, random),
            "mobilenet-v2" => MobileNetV2(shape[0], classes, random),
            "small-alexnet" => SmallAlexNet(shape[0], classes, random),
            _ => throw UnknownArchitecture(architecture),
        };
        var network = new Network(architecture, classes, shape, stages);
        FirstLayer(network).InputGradientNeeded = false;
        return network;
    }

    /// <summary>
    /// Seed 004's Custom_CNN: three blocks Conv3×3(pad 1)-BN-ReLU-MaxPool2 with 16/32/64 filters on 64×64×3, then
    /// Flatten, Dense 64, ReLU, Dropout 0.5, Dense N. 286,861 parameters at 13 classes. Other input sizes (multiples of 8)
    /// keep the convolutions and widen the first dense layer to 64·(size/8)² inputs.
    /// </summary>
    private static IEnumerable<(string, Module)> CompactCnn(int inChannels, int size, int classes, SeededRandom random)
    {
        var features = new List<Module>();
        int c = inChannels;
        foreach (int filters in (int[])[16, 32, 64])
        {
            features.Add(new Conv2d(c, filters, 3, 1, 1, random: random));
            features.Add(new BatchNorm2d(filters));
            features.Add(new ReLU());
            features.Add(new MaxPool2d(2));
            c = filters;
        }

        yield return ("features", new Sequential([.. features]));
        yield return ("classifier", new Sequential(
            new Flatten(),
            new Linear(64 * (size / 8) * (size / 8), 64, random: random),
            new ReLU(),
            new Dropout(0.5, new SeededRandom(random.NextUInt64())),
            new Linear(64, classes, random: random)));
    }

    /// <summary>
    /// Seed 001's deep grayscale CNN as read in docs/engine.md: five stages of 3/3/3/3/2 Conv3×3(pad 1)-BN-ReLU
    /// (32, 32, 32, 32, 64 filters; 14 convolutions), each followed by MaxPool2 (5 pools: 224 → 7), Flatten, two dense
    /// layers of 64 with ReLU and dropout 0.2, and a 2-way output (363,554 parameters; the paper states 365,986).
    /// </summary>
    private static IEnumerable<(string, Module)> DeepGrayCnn(int inChannels, int classes, SeededRandom random)
    {
        var features = new List<Module>();
        int c = inChannels;
        int[] convs = [3, 3, 3, 3, 2];
        int[] filters = [32, 32, 32, 32, 64];
        for (int stage = 0; stage < convs.Length; stage++)
        {
            for (int i = 0; i < convs[stage]; i++)
            {
                features.Add(new Conv2d(c, filters[stage], 3, 1, 1, random: random));
                features.Add(new BatchNorm2d(filters[stage]));
                features.Add(new ReLU());
                c = filters[stage];
            }

            features.Add(new MaxPool2d(2));
        }

        yield return ("features", new Sequential([.. features]));
        yield return ("classifier", new Sequential(
            new Flatten(),
            new Linear(c * 7 * 7, 64, random: random),
            new ReLU(),
            new Dropout(0.2, new SeededRandom(random.NextUInt64())),
            new Linear(64, 64, random: random),
            new ReLU(),
            new Dropout(0.2, new SeededRandom(random.NextUInt64())),
            new Linear(64, classes, random: random)));
    }

    /// <summary>torchvision's resnet18: 7×7/2 stem, 3×3/2 max-pool, four stages of two BasicBlocks (64…512), global average pool, fc.</summary>
    private static IEnumerable<(string, Module)> ResNet18(int inChannels, int classes, SeededRandom random)
    {
        var conv1 = new Conv2d(inChannels, 64, 7, 2, 3, bias: false, random: random);
        Init.KaimingNormalFanOut(conv1.Weight.Value, random);
        yield return ("conv1", conv1);
        yield return ("bn1", new BatchNorm2d(64));
        yield return ("relu", new ReLU());
        yield return ("maxpool", new MaxPool2d(3, 2, 1));
        int c = 64;
        int[] widths = [64, 128, 256, 512];
        for (int stage = 0; stage < 4; stage++)
        {
            int stride = stage == 0 ? 1 : 2;
            var first = new BasicBlock(c, widths[stage], stride, random);
            var second = new BasicBlock(widths[stage], widths[stage], 1, random);
            foreach (var conv in first.Convolutions.Concat(second.Convolutions))
            {
                Init.KaimingNormalFanOut(conv.Weight.Value, random);
            }

            yield return ($"layer{stage + 1}", new Sequential(first, second));
            c = widths[stage];
        }

        yield return ("avgpool", new AdaptiveAvgPool2d(1));
        yield return ("flatten", new Flatten());
        yield return ("fc", new Linear(512, classes, random: random));
    }

    /// <summary>torchvision's mobilenet_v2 (width 1.0): stem Conv-BN-ReLU6 32/2, 17 inverted residual blocks, 1×1 to 1280, pool, dropout 0.2, linear.</summary>
    private static IEnumerable<(string, Module)> MobileNetV2(int inChannels, int classes, SeededRandom random)
    {
        var features = new List<Module> { InvertedResidual.ConvBnReLU6(inChannels, 32, 3, 2, 1, random) };
        int c = 32;
        int[][] settings = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]];
        foreach (var s in settings)
        {
            for (int i = 0; i < s[2]; i++)
            {
                features.Add(new InvertedResidual(c, s[1], i == 0 ? s[3] : 1, s[0], random));
                c = s[1];
            }
        }

        features.Add(InvertedResidual.ConvBnReLU6(c, 1280, 1, 1, 1, random));
        var featureStack = new Sequential([.. features]);
        foreach (var (_, p) in featureStack.NamedParameters().Where(static e => e.Name.EndsWith("weight", StringComparison.Ordinal) && e.Parameter.Value.Rank == 4))
        {
            Init.KaimingNormalFanOut(p.Value, random);
        }

        var head = new Linear(1280, classes, random: random);
        Init.Normal(head.Weight.Value, random, 0.01f);
        head.Bias!.Value.Span.Clear();
        yield return ("features", featureStack);
        yield return ("pool", new AdaptiveAvgPool2d(1));
        yield return ("flatten", new Flatten());
        yield return ("classifier", new Sequential(new Dropout(0.2, new SeededRandom(random.NextUInt64())), head));
    }

    /// <summary>
    /// Pachón et al.'s custom "AlexNet-type sequential CNN" as read in docs/engine.md: AlexNet's five convolutions and
    /// three overlapping max-pools with fewer filters (32, 64, 96, 96, 64) and a 256-unit hidden dense layer.
    /// </summary>
    private static IEnumerable<(string, Module)> SmallAlexNet(int inChannels, int classes, SeededRandom random)
    {
        yield return ("features", new Sequential(
            new Conv2d(inChannels, 32, 11, 4, 2, random: random),
            new ReLU(),
            new MaxPool2d(3, 2),
            new Conv2d(32, 64, 5, 1, 2, random: random),
            new ReLU(),
            new MaxPool2d(3, 2),
            new Conv2d(64, 96, 3, 1, 1, random: random),
            new ReLU(),
            new Conv2d(96, 96, 3, 1, 1, random: random),
            new ReLU(),
            new Conv2d(96, 64, 3, 1, 1, random: random),
            new ReLU(),
            new MaxPool2d(3, 2)));
        yield return ("avgpool", new AdaptiveAvgPool2d(6));
        yield return ("classifier", new Sequential(
            new Flatten(),
            new Dropout(0.5, new SeededRandom(random.NextUInt64())),
            new Linear(64 * 6 * 6, 256, random: random),
            new ReLU(),
            new Dropout(0.5, new SeededRandom(random.NextUInt64())),
            new Linear(256, classes, random: random)));
    }

    private static Module FirstLayer(Module module)
    {
        while (module.Children.Count > 0 && module is Network or Sequential)
        {
            module = module.Children[0].Module;
        }

        return module;
    }

    private static ArgumentException UnknownArchitecture(string name) =>
        new($"unknown architecture '{name}'; known: {string.Join(", ", Architectures)}", nameof(name));
}
