using System.Text.Json;
using AotReady;
using Ipc;

// Both ends use the source-generated System.Text.Json metadata; reflection is off for the whole app.
var serializer = new JsonIpcSerializer(new JsonSerializerOptions { TypeInfoResolver = PayloadContext.Default });
Console.WriteLine($"reflection-based JSON enabled: {JsonSerializer.IsReflectionEnabledByDefault}");

using var main = new IpcMain(new IpcMainOptions { Serializer = serializer });
var shapes = main.Shapes();
Size last = new(0, 0);
shapes.Measure.On((e, size) => e.ReturnValue = new Area(size.Width * size.Height, "m2"));
shapes.Scale.Handle((e, size, factor, ct) => Task.FromResult(last = new Size(size.Width * factor, size.Height * factor)));
shapes.Note.On((e, text, priority) => e.Sender.ShapeNotes().Noted($"{text} (priority {priority})", last));

using IpcRenderer renderer = main.ConnectInProcess(new IpcRendererOptions { Serializer = serializer });
var noted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
renderer.ShapeNotes().Noted.On((e, text, size) => noted.SetResult($"{text}, last scaled to {size}"));

IShapes toMain = renderer.Shapes();
Console.WriteLine($"measure: {toMain.Measure(new Size(2, 3))}");
Console.WriteLine($"scale: {await toMain.Scale(new Size(2, 3), 10)}");
toMain.Note("hello", 1);
Console.WriteLine($"noted: {await noted.Task.WaitAsync(TimeSpan.FromSeconds(10))}");
