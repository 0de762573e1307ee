global using WebResults = Microsoft.AspNetCore.Http.Results;
