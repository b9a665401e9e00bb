global using System.Numerics;
global using System.Diagnostics;
global using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
