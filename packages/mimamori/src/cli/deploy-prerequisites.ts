// What `mimamori deploy` needs besides the project: the SAM CLI on PATH and AWS credentials. Both are looked for before
// anything is built or sent, with the file system, environment and home folder injectable (tests, other platforms).
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const SAM_INSTALL_URL = 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html';

/** The first executable `name` on PATH (with PATHEXT's endings on Windows), or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const endings = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean)) {
    for (const ending of endings) {
      const file = join(dir, name + ending);
      try {
        if (!statSync(file).isFile()) continue;
        if (platform !== 'win32') accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here, or not executable: keep looking
      }
    }
  }
  return undefined;
}

/** Where the credentials come from (for the log), or what is missing (for the message). */
export type CredentialsFound = { found: string } | { missing: string };

/** The section names of an INI file (`[default]`, `[profile dev]`), or none when it cannot be read. */
function sections(file: string): string[] {
  if (!existsSync(file)) return [];
  try {
    return [...readFileSync(file, 'utf8').matchAll(/^\s*\[([^\]\r\n]+)\]/gm)].map((m) => m[1]!.trim());
  } catch {
    return [];
  }
}

/**
 * Looks for credentials the way the AWS SDKs (and so `sam`) find them, without asking AWS: a profile when one is named
 * (in ~/.aws/credentials as [name], in ~/.aws/config as [profile name]: keys, SSO, a role or a credential_process);
 * else access keys in the environment, a web identity token (CI with OIDC), container credentials, or the default
 * profile. An EC2 instance role cannot be seen without calling its metadata endpoint, so it is not found here.
 */
export function findAwsCredentials(profile: string | undefined, env: NodeJS.ProcessEnv, home: string): CredentialsFound {
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const configFile = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  // ~/.aws/config names a profile [profile name], except the default ([default]).
  const inFiles = (name: string) => {
    if (sections(credentialsFile).includes(name)) return credentialsFile;
    const inConfig = sections(configFile);
    return inConfig.includes(`profile ${name}`) || (name === 'default' && inConfig.includes('default')) ? configFile : undefined;
  };
  if (profile) {
    const file = inFiles(profile);
    return file ? { found: `profile ${profile} (${file})` } : { missing: `the profile '${profile}' is in neither ${credentialsFile} nor ${configFile} (aws configure --profile ${profile}, or aws configure sso)` };
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return { found: 'AWS_ACCESS_KEY_ID in the environment' };
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return { found: `the web identity token for ${env.AWS_ROLE_ARN}` };
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return { found: 'the container credentials' };
  const file = inFiles('default');
  if (file) return { found: `the default profile (${file})` };
  return {
    missing: 'none found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile (aws configure, or aws configure sso) '
      + 'and name it with deploy.profile in the config, --profile or AWS_PROFILE (on an EC2 instance or a runner with an '
      + 'instance role: a profile in ~/.aws/config with credential_source = Ec2InstanceMetadata)',
  };
}
