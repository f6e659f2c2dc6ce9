// ruleid: options-interfile
app.use(require('serve-index')('/ftp'))
// ok: options-interfile
app.use(require('serve-static')('/ftp'))
