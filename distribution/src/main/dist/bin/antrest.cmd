@echo off
rem antrest launcher for Windows: finds Java 17+, puts lib\ and plugins\ on the module path.
rem   JAVA_HOME     the Java installation to use (default: java on the PATH)
rem   ANTREST_OPTS  extra JVM options
setlocal
set "ANTREST_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo antrest: cannot run "%JAVA%": install Java 17 or newer, or set JAVA_HOME 1>&2
  exit /b 1
)
set "JVER="
for /f "tokens=3" %%v in ('"%JAVA%" -version 2^>^&1 ^| findstr /i "version"') do set "JVER=%%~v"
for /f "tokens=1,2 delims=." %%a in ("%JVER%") do (set "MAJOR=%%a" & set "MINOR=%%b")
if "%MAJOR%"=="1" set "MAJOR=%MINOR%"
set /a MAJORNUM=%MAJOR% 2>nul
if %MAJORNUM% LSS 17 (
  echo antrest: needs Java 17 or newer, but "%JAVA%" is Java %JVER%: set JAVA_HOME to a Java 17 or newer installation 1>&2
  exit /b 1
)
rem ANTREST_OPTS comes after the defaults, so that its -D settings win (as in bin/antrest).
"%JAVA%" -Xshare:auto "-Dantrest.home=%ANTREST_HOME%" "-Dlogback.configurationFile=%ANTREST_HOME%\conf\logback.xml" %ANTREST_OPTS% --module-path "%ANTREST_HOME%\lib;%ANTREST_HOME%\plugins" --add-modules ALL-MODULE-PATH,jdk.net,java.naming,jdk.unsupported,jdk.crypto.ec -m io.antrest.app/io.antrest.app.Main %*
exit /b %ERRORLEVEL%
