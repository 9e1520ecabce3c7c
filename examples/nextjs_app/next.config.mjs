// The one setting edgekit needs: its native addon is loaded by Node at run time, never bundled.
/** @type {import('next').NextConfig} */
const config = {
  serverExternalPackages: ['edgekit'],
}

export default config
