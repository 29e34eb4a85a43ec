using System;

namespace Microsoft.SqlServer.Server
{
    /// <summary>Annotates the returned result of a user-defined type, function, method or procedure.</summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.ReturnValue | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public class SqlFacetAttribute : Attribute
    {
        public bool IsFixedLength { get; set; }

        public int MaxSize { get; set; }

        public int Precision { get; set; }

        public int Scale { get; set; }

        public bool IsNullable { get; set; }
    }

    /// <summary>Marks a method as a user-defined function.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    [Serializable]
    public class SqlFunctionAttribute : Attribute
    {
        public bool IsDeterministic { get; set; }

        public DataAccessKind DataAccess { get; set; } = DataAccessKind.None;

        public SystemDataAccessKind SystemDataAccess { get; set; } = SystemDataAccessKind.None;

        public bool IsPrecise { get; set; }

        public string Name { get; set; }

        public string TableDefinition { get; set; }

        public string FillRowMethodName { get; set; }
    }

    /// <summary>Marks a method of a user-defined type for use from SQL.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    [Serializable]
    public sealed class SqlMethodAttribute : SqlFunctionAttribute
    {
        public bool OnNullCall { get; set; } = true;

        public bool IsMutator { get; set; }

        public bool InvokeIfReceiverIsNull { get; set; }
    }

    /// <summary>Registers a type as a user-defined aggregate.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class SqlUserDefinedAggregateAttribute : Attribute
    {
        public const int MaxByteSizeValue = 8000;

        private int _maxByteSize;

        public SqlUserDefinedAggregateAttribute(Format format)
        {
            if (format != Format.Unknown && format != Format.Native && format != Format.UserDefined)
            {
                throw new ArgumentOutOfRangeException(nameof(format));
            }

            Format = format;
        }

        public int MaxByteSize
        {
            get => _maxByteSize;
            set
            {
                if (value < -1 || value > MaxByteSizeValue)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), $"MaxByteSize must be between -1 and {MaxByteSizeValue}.");
                }

                _maxByteSize = value;
            }
        }

        public bool IsInvariantToDuplicates { get; set; }

        public bool IsInvariantToNulls { get; set; }

        public bool IsInvariantToOrder { get; set; } = true;

        public bool IsNullIfEmpty { get; set; }

        public Format Format { get; }

        public string Name { get; set; }
    }

    /// <summary>Registers a type as a user-defined type.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
    public sealed class SqlUserDefinedTypeAttribute : Attribute
    {
        private const int MaxByteSizeValue = 8000;

        private int _maxByteSize;

        public SqlUserDefinedTypeAttribute(Format format)
        {
            if (format != Format.Unknown && format != Format.Native && format != Format.UserDefined)
            {
                throw new ArgumentOutOfRangeException(nameof(format));
            }

            Format = format;
        }

        public int MaxByteSize
        {
            get => _maxByteSize;
            set
            {
                if (value < -1 || value > MaxByteSizeValue)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), $"MaxByteSize must be between -1 and {MaxByteSizeValue}.");
                }

                _maxByteSize = value;
            }
        }

        public bool IsFixedLength { get; set; }

        public bool IsByteOrdered { get; set; }

        public Format Format { get; }

        public string ValidationMethodName { get; set; }

        public string Name { get; set; }
    }
}
