using DiploSim.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddDiploSim();

var app = builder.Build();
app.MapDiploSim();
app.Run();
