using Parquet;
using Parquet.Schema;

namespace DiploSim.Batch;

/// <summary>Writes a table to Parquet with typed columns: int32 (optional where it may be missing), int64, double and UTF-8 strings.</summary>
public static class ParquetTable
{
    private const int RowGroupSize = 100_000;

    public static async Task WriteAsync(string path, TableSchema schema, IReadOnlyList<object[]> rows, CancellationToken cancellationToken = default)
    {
        var fields = schema.Columns.Select(c => c.Kind switch
        {
            ColumnKind.Int32 => (DataField)new DataField<int>(c.Name),
            ColumnKind.Int64 => new DataField<long>(c.Name),
            ColumnKind.NullableInt32 => new DataField<int?>(c.Name),
            ColumnKind.Double => new DataField<double>(c.Name),
            _ => new DataField<string>(c.Name),
        }).ToArray();

        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken);
        for (var start = 0; start < rows.Count || start == 0; start += RowGroupSize)
        {
            var count = Math.Min(RowGroupSize, rows.Count - start);
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                switch (schema.Columns[c].Kind)
                {
                    case ColumnKind.Int32:
                        await group.WriteAsync<int>(fields[c], Column<int>(rows, start, count, c), cancellationToken: cancellationToken);
                        break;
                    case ColumnKind.NullableInt32:
                        await group.WriteAsync<int>(fields[c], NullableColumn(rows, start, count, c), cancellationToken: cancellationToken);
                        break;
                    case ColumnKind.Int64:
                        await group.WriteAsync<long>(fields[c], Column<long>(rows, start, count, c), cancellationToken: cancellationToken);
                        break;
                    case ColumnKind.Double:
                        await group.WriteAsync<double>(fields[c], Column<double>(rows, start, count, c), cancellationToken: cancellationToken);
                        break;
                    default:
                        await group.WriteAsync(fields[c], Column<string>(rows, start, count, c));
                        break;
                }
            }

            if (rows.Count == 0)
            {
                break;
            }
        }
    }

    private static int?[] NullableColumn(IReadOnlyList<object[]> rows, int start, int count, int column)
    {
        var values = new int?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = rows[start + i][column] is int v ? v : null;
        }

        return values;
    }

    private static T[] Column<T>(IReadOnlyList<object[]> rows, int start, int count, int column)
    {
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (T)rows[start + i][column];
        }

        return values;
    }
}
