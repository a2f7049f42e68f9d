using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.Storage;

/// <summary>
/// Reads a row that came back untyped (a query that returns rows of several kinds, as an account's partition holds) into its
/// entity class, as the typed queries of Azure.Data.Tables would: every public read-write property not marked
/// <see cref="IgnoreDataMemberAttribute"/>, by name; properties the row lacks keep their defaults.
/// </summary>
public static class TableRows
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static T As<T>(TableEntity row)
        where T : class, ITableEntity, new()
    {
        ArgumentNullException.ThrowIfNull(row);
        var entity = new T { PartitionKey = row.PartitionKey, RowKey = row.RowKey, Timestamp = row.Timestamp, ETag = row.ETag };
        foreach (var property in Properties.GetOrAdd(typeof(T), Writable))
        {
            if (row.TryGetValue(property.Name, out var value) && value is not null)
            {
                property.SetValue(entity, Convert(value, property.PropertyType));
            }
        }

        return entity;
    }

    private static PropertyInfo[] Writable(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p =>
            p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null
            && p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag))),
    ];

    private static object? Convert(object value, Type to)
    {
        var target = Nullable.GetUnderlyingType(to) ?? to;
        return value switch
        {
            _ when target.IsInstanceOfType(value) => value,
            BinaryData binary when target == typeof(byte[]) => binary.ToArray(),
            DateTime dateTime when target == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            string text when target == typeof(Guid) => Guid.Parse(text),
            _ => System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
