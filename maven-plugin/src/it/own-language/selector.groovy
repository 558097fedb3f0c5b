// Runs this test only where rulebench-models-tf provides model architectures (it trains real models);
// invoker reports it as skipped otherwise, never as passed.
import java.util.zip.ZipFile

def folder = new File(localRepositoryPath, 'dev/rulebench/rulebench-models-tf')
def jars = folder.exists() ? folder.listFiles().collectMany { version ->
  (version.listFiles() ?: []).findAll { it.name.endsWith('.jar') && !it.name.contains('-sources') } } : []
return jars.any { jar ->
  new ZipFile(jar).withCloseable { it.getEntry('META-INF/services/dev.rulebench.model.ModelArchitecture') != null }
}
