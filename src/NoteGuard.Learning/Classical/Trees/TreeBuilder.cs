namespace NoteGuard.Learning.Classical.Trees;

/// <summary>
/// Grows one CART classification tree depth-first: at every node up to maxFeatures randomly chosen features
/// are scanned in sorted order for the threshold (midpoint between consecutive distinct values) with the
/// largest weighted Gini decrease. Sample weights carry bootstrap multiplicities.
/// </summary>
internal sealed class TreeBuilder
{
    private readonly FeatureMatrix _x;
    private readonly int[] _y;
    private readonly double[] _weights;
    private readonly int _classCount;
    private readonly int _maxFeatures;
    private readonly int _maxDepth;
    private readonly int _minSplit;
    private readonly int _minLeaf;
    private readonly Random _random;
    private readonly Tree _tree = new();

    public TreeBuilder(FeatureMatrix x, int[] y, double[] weights, int classCount, int maxFeatures, int maxDepth, int minSplit, int minLeaf, Random random)
    {
        _x = x;
        _y = y;
        _weights = weights;
        _classCount = classCount;
        _maxFeatures = maxFeatures;
        _maxDepth = maxDepth;
        _minSplit = minSplit;
        _minLeaf = minLeaf;
        _random = random;
    }

    internal sealed class Tree
    {
        public List<int> Feature { get; } = [];

        public List<double> Threshold { get; } = [];

        public List<int> Left { get; } = [];

        public List<int> Right { get; } = [];

        public List<double[]> Value { get; } = [];
    }

    public Tree Build()
    {
        int[] rows = [.. Enumerable.Range(0, _x.Rows).Where(r => _weights[r] > 0)];
        Grow(rows, 0);
        return _tree;
    }

    private int Grow(int[] rows, int depth)
    {
        var counts = new double[_classCount];
        double total = 0;
        foreach (int r in rows)
        {
            counts[_y[r]] += _weights[r];
            total += _weights[r];
        }

        int node = _tree.Feature.Count;
        _tree.Feature.Add(-1);
        _tree.Threshold.Add(0);
        _tree.Left.Add(-1);
        _tree.Right.Add(-1);
        _tree.Value.Add([.. counts.Select(c => c / total)]);

        double impurity = Gini(counts, total);
        if (depth >= _maxDepth || rows.Length < _minSplit || impurity <= 1e-12 || rows.Length < 2 * _minLeaf)
        {
            return node;
        }

        var (feature, threshold) = BestSplit(rows, counts, total, impurity);
        if (feature < 0)
        {
            return node;
        }

        int[] left = [.. rows.Where(r => _x[r, feature] <= threshold)];
        int[] right = [.. rows.Where(r => _x[r, feature] > threshold)];
        _tree.Feature[node] = feature;
        _tree.Threshold[node] = threshold;
        int l = Grow(left, depth + 1);
        int rgt = Grow(right, depth + 1);
        _tree.Left[node] = l;
        _tree.Right[node] = rgt;
        return node;
    }

    private (int Feature, double Threshold) BestSplit(int[] rows, double[] counts, double total, double impurity)
    {
        int d = _x.Columns;
        int[] candidates = [.. Enumerable.Range(0, d)];
        _random.Shuffle(candidates);
        var order = new int[rows.Length];
        var keys = new double[rows.Length];
        var leftCounts = new double[_classCount];
        var rightCounts = new double[_classCount];
        double bestGain = 1e-12;
        int bestFeature = -1;
        double bestThreshold = 0;
        for (int c = 0; c < Math.Min(_maxFeatures, d); c++)
        {
            int f = candidates[c];
            for (int i = 0; i < rows.Length; i++)
            {
                order[i] = rows[i];
                keys[i] = _x[rows[i], f];
            }

            Array.Sort(keys, order);
            if (keys[0] == keys[^1])
            {
                continue;
            }

            Array.Clear(leftCounts);
            counts.CopyTo(rightCounts, 0);
            double leftTotal = 0;
            int leftRows = 0;
            for (int i = 0; i < rows.Length - 1; i++)
            {
                int r = order[i];
                leftCounts[_y[r]] += _weights[r];
                rightCounts[_y[r]] -= _weights[r];
                leftTotal += _weights[r];
                leftRows++;
                if (keys[i + 1] <= keys[i] || leftRows < _minLeaf || rows.Length - leftRows < _minLeaf)
                {
                    continue;
                }

                double rightTotal = total - leftTotal;
                double children = ((leftTotal * Gini(leftCounts, leftTotal)) + (rightTotal * Gini(rightCounts, rightTotal))) / total;
                double gain = impurity - children;
                if (gain > bestGain)
                {
                    bestGain = gain;
                    bestFeature = f;
                    double mid = (keys[i] / 2) + (keys[i + 1] / 2);
                    bestThreshold = mid >= keys[i + 1] ? keys[i] : mid;
                }
            }
        }

        return (bestFeature, bestThreshold);
    }

    private static double Gini(double[] counts, double total)
    {
        if (total <= 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (double c in counts)
        {
            double p = c / total;
            sum += p * p;
        }

        return 1 - sum;
    }
}
