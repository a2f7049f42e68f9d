using CustomerPortal.Functions.Hosting;
using Microsoft.Extensions.Hosting;

PortalWorker.Build(args).Run();
