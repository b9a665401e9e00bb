using NoteGuard.Inspection.Tabular;

namespace NoteGuard.Inspection.Tests.Tabular;

public sealed class CsvReadingTests
{
    private static TabularDataset Read(string text, string label = "class", bool allowMissing = false) =>
        TabularDataset.FromTable(CsvTable.Parse(text, "test.csv", expectedColumn: label), new TabularReadOptions { LabelColumn = label, AllowMissing = allowMissing });

    [Fact]
    public void ReadsCommaHeaderAndNumericLabels()
    {
        var data = Read("variance,skewness,class\n1.5,2,0\n-3,4e-1,1\n0.25,1,1.0\n");
        Assert.Equal(["variance", "skewness"], data.FeatureNames);
        Assert.Equal(["0", "1"], data.Labels);
        Assert.Equal([0, 1, 1], data.Targets);
        Assert.Equal(0.4, data.Features[1, 1], 15);
        Assert.Equal([2, 3, 4], data.LineNumbers);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    public void DetectsSemicolonAndTab(char delimiter)
    {
        string text = $"a{delimiter}b{delimiter}Status\n1{delimiter}2{delimiter}genuine\n3{delimiter}4{delimiter}counterfeit\n";
        var table = CsvTable.Parse(text, "t.csv");
        Assert.Equal(delimiter, table.Delimiter);
        var data = TabularDataset.FromTable(table, new TabularReadOptions { LabelColumn = "Status" });
        Assert.Equal(["counterfeit", "genuine"], data.Labels);
        Assert.Equal([1, 0], data.Targets);
    }

    [Fact]
    public void SemicolonFileAcceptsDecimalCommas()
    {
        var data = Read("x;y;class\n1,5;2;a\n3;4,25;b\n");
        Assert.Equal(1.5, data.Features[0, 0], 15);
        Assert.Equal(4.25, data.Features[1, 1], 15);
    }

    [Fact]
    public void QuotedFieldsMayHoldDelimitersQuotesAndNewlines()
    {
        var table = CsvTable.Parse("name,x,class\n\"Note, \"\"old\"\"\",1,a\n\"two\nlines\",2,b\n", "q.csv");
        Assert.Equal("Note, \"old\"", table.Rows[0][0]);
        Assert.Equal("two\nlines", table.Rows[1][0]);
        Assert.Equal([2, 3], table.LineNumbers);
        var data = TabularDataset.FromTable(table, new TabularReadOptions { LabelColumn = "class", IgnoreColumns = ["name"] });
        Assert.Equal(["x"], data.FeatureNames);
    }

    [Fact]
    public void HeaderlessFileNamesColumns()
    {
        var table = CsvTable.Parse("1,2,0\n3,4,1\r\n", "h.csv");
        Assert.False(table.HasHeader);
        Assert.Equal(["column1", "column2", "column3"], table.Columns);
        var data = TabularDataset.FromTable(table, new TabularReadOptions { LabelColumn = "column3" });
        Assert.Equal(2, data.Count);
    }

    [Fact]
    public void RaggedRowIsAnErrorNamingTheRow()
    {
        var ex = Assert.Throws<InvalidDatasetException>(() => Read("a,b,class\n1,2,0\n1,2\n"));
        Assert.Equal(3, ex.Row);
        Assert.Contains("ragged", ex.Message, StringComparison.Ordinal);
        Assert.Contains("test.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFileIsAnError()
    {
        var ex = Assert.Throws<InvalidDatasetException>(() => Read(string.Empty));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDatasetException>(() => Read("a,b,class\n"));
    }

    [Fact]
    public void UnknownLabelColumnListsTheColumns()
    {
        var ex = Assert.Throws<InvalidDatasetException>(() => Read("a,b,class\n1,2,0\n", label: "target"));
        Assert.Equal("target", ex.Column);
        Assert.Contains("a, b, class", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("abc")]
    public void MissingOrNonNumericValueNamesRowAndColumn(string cell)
    {
        var ex = Assert.Throws<InvalidDatasetException>(() => Read($"a,b,class\n1,2,0\n3,{cell},1\n"));
        Assert.Equal(3, ex.Row);
        Assert.Equal("b", ex.Column);
        Assert.Contains("--impute", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingValuesBecomeNaNWhenAllowed()
    {
        var data = Read("a,b,class\n1,2,0\n3,NA,1\n", allowMissing: true);
        Assert.True(double.IsNaN(data.Features[1, 1]));
        Assert.Equal(1, data.WithoutMissingRows().Count);
    }

    [Fact]
    public void UnterminatedQuoteIsAnError()
    {
        var ex = Assert.Throws<InvalidDatasetException>(() => CsvTable.Parse("a,b\n\"1,2\n", "u.csv"));
        Assert.Equal(2, ex.Row);
    }

    [Fact]
    public void MissingLabelIsAnError()
    {
        var ex = Assert.Throws<InvalidDatasetException>(() => Read("a,class\n1,x\n2,\n"));
        Assert.Equal(3, ex.Row);
        Assert.Equal("class", ex.Column);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => CsvTable.Load("/nonexistent/file.csv"));
    }
}
